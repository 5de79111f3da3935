package dev.vigil.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a token (and later a person) may do: admins change configuration, responders act on incidents, viewers read;
 * agents, outside that ladder, only fetch the probes of their location and report results (ADR 0011); deployers, below
 * admins only, record the deploys and changes of the services and teams their token is scoped to (ADR 0049).
 */
public enum Role {
  ADMIN, RESPONDER, VIEWER, AGENT, DEPLOYER;

  @JsonCreator
  static Role parse(String value) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "': expected admin, responder, viewer, agent or deployer");
  }

  @JsonValue
  String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  String authority() {
    return "ROLE_" + name();
  }
}
