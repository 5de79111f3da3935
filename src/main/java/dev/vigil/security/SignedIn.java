package dev.vigil.security;

import java.util.Locale;

/**
 * The person behind a web UI request: their account, role, and the catalog user it is linked to (null when none).
 * Actions taken in the UI are recorded under {@link #actor()}, the name notifications and the timeline know them by.
 */
public record SignedIn(long accountId, String username, Role role, String userName, int credentialsVersion) {

  /** The catalog user's name when the account is linked to one, else the account's user name. */
  public String actor() {
    return userName != null ? userName : username;
  }

  /** admin, responder or viewer. */
  public String roleName() {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** Whether this person may act on incidents (acknowledge, resolve, escalate, add notes). */
  public boolean responder() {
    return role == Role.ADMIN || role == Role.RESPONDER;
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }

  static SignedIn of(Account account) {
    return new SignedIn(account.id(), account.username(), account.role(), account.userName(),
        account.credentialsVersion());
  }
}
