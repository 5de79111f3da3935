package dev.vigil.security;

import java.time.Instant;

/** A web UI account: a person who signs in with a user name and password, optionally linked to a catalog user. */
record Account(long id, String username, Role role, String userName, Instant disabledAt, int credentialsVersion,
    Instant createdAt, String createdBy, Instant lastSignInAt) {

  public boolean disabled() {
    return disabledAt != null;
  }

  /** The role as shown and submitted in forms: admin, responder or viewer. */
  public String roleName() {
    return role.json();
  }
}
