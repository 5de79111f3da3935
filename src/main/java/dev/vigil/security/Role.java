package dev.vigil.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a token (and later a person) may do: admins change configuration, responders act on incidents, viewers read. */
public enum Role {
  ADMIN, RESPONDER, VIEWER;

  @JsonCreator
  static Role parse(String value) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "': expected admin, responder or viewer");
  }

  @JsonValue
  String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  String authority() {
    return "ROLE_" + name();
  }
}
