package dev.vigil.security;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Web UI accounts: the first admin through an admin API token, then accounts that admins create, disable and
 * give new passwords. Passwords are stored only as hashes ({@link PasswordEncoder}, bcrypt by default).
 */
@Service
@ConditionalOnWebApplication // needs the password encoder of the web UI's configuration
class Accounts {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MIN_PASSWORD = 12;
  /** bcrypt reads 72 bytes of a password and refuses longer ones rather than ignore the rest. */
  static final int MAX_PASSWORD_BYTES = 72;

  private final AccountRepository accounts;
  private final PasswordEncoder passwords;
  private final TokenService tokens;
  private final CatalogQueries catalog;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final Clock clock;

  Accounts(AccountRepository accounts, PasswordEncoder passwords, TokenService tokens, CatalogQueries catalog,
      TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.tokens = tokens;
    this.catalog = catalog;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Whether the first admin still has to be set up. */
  boolean noAccounts() {
    return !accounts.any();
  }

  List<Account> list() {
    return accounts.list();
  }

  Optional<Account> find(long id) {
    return accounts.find(id);
  }

  /**
   * Creates the first admin account, if the caller holds an active admin API token and no account exists yet.
   * Under a lock, so that two people racing through setup cannot both become the first admin.
   */
  Account setUpFirstAdmin(String token, String username, String password, String confirm, String userName) {
    if (token == null || token.isBlank()) {
      throw new InvalidException("token: enter the admin API token (VIGIL_ADMIN_TOKEN, or the one printed at"
          + " first start)");
    }
    validate(username, password, confirm, userName);
    return transactions.execute(tx -> {
      jdbc.sql("select pg_advisory_xact_lock(hashtext('vigil.security.first-account'))").query(Object.class)
          .single();
      if (accounts.any()) {
        throw new RefusedException("Vigil is already set up; sign in, or ask an admin for an account");
      }
      // Checked after the lock and the emptiness test, so that the answer never says whether a token is valid
      // once setup is over.
      boolean admin = token.length() <= 512 && tokens.authenticate(token.strip())
          .map(p -> p.role() == Role.ADMIN).orElse(false);
      if (!admin) {
        throw new InvalidException("token: not an active admin API token");
      }
      long id = accounts.insert(username, passwords.encode(password), Role.ADMIN, blankToNull(userName),
          "setup with an admin API token", clock.instant());
      return accounts.find(id).orElseThrow();
    });
  }

  /** A new account, created by an admin. */
  Account create(String username, String password, String confirm, String role, String userName, String by) {
    Role parsed = role(role);
    validate(username, password, confirm, userName);
    try {
      long id = accounts.insert(username, passwords.encode(password), parsed, blankToNull(userName), by,
          clock.instant());
      return accounts.find(id).orElseThrow();
    } catch (DuplicateKeyException e) {
      throw new RefusedException("username: an account named '" + username + "' exists already");
    }
  }

  void resetPassword(long id, String password, String confirm) {
    require(id);
    validatePassword(password, confirm);
    accounts.setPassword(id, passwords.encode(password), clock.instant());
  }

  void setDisabled(long id, boolean disabled) {
    transactions.executeWithoutResult(tx -> {
      lockAdmins();
      Account account = require(id);
      if (disabled && account.role() == Role.ADMIN && accounts.otherActiveAdmins(id) == 0) {
        throw new RefusedException("'" + account.username() + "' is the last active admin; make another admin"
            + " first");
      }
      accounts.setDisabled(id, disabled, clock.instant());
    });
  }

  void update(long id, String role, String userName) {
    Role parsed = role(role);
    validateUser(userName);
    transactions.executeWithoutResult(tx -> {
      lockAdmins();
      Account account = require(id);
      if (account.role() == Role.ADMIN && parsed != Role.ADMIN && !account.disabled()
          && accounts.otherActiveAdmins(id) == 0) {
        throw new RefusedException("'" + account.username() + "' is the last active admin; make another admin"
            + " first");
      }
      accounts.update(id, parsed, blankToNull(userName), clock.instant());
    });
  }

  /** The demo's account: created, or given a new password, and always an enabled admin linked to a catalog user. */
  void resetDemoAccount(String username, String password, String userName) {
    transactions.executeWithoutResult(tx -> {
      lockAdmins();
      Optional<Account> existing = accounts.findByUsername(username);
      String linked = userName != null && catalog.one(CatalogKind.USER, userName, Catalog.User.class).isPresent()
          ? userName : null;
      if (existing.isEmpty()) {
        accounts.insert(username, passwords.encode(password), Role.ADMIN, linked, "vigil demo", clock.instant());
      } else {
        long id = existing.get().id();
        accounts.setPassword(id, passwords.encode(password), clock.instant());
        accounts.setDisabled(id, false, clock.instant());
        accounts.update(id, Role.ADMIN, linked, clock.instant());
      }
    });
  }

  /** Serialises changes that could leave no active admin. */
  private void lockAdmins() {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('vigil.security.admins'))").query(Object.class).single();
  }

  private Account require(long id) {
    return accounts.find(id).orElseThrow(() -> new NotFoundException("no account with id " + id));
  }

  private void validate(String username, String password, String confirm, String userName) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidException("username: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
          + " digit");
    }
    validatePassword(password, confirm);
    validateUser(userName);
  }

  private static void validatePassword(String password, String confirm) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      throw new InvalidException("password: at least " + MIN_PASSWORD + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw new InvalidException("password: at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
    }
    if (!password.equals(confirm)) {
      throw new InvalidException("confirm: the two passwords differ");
    }
  }

  private void validateUser(String userName) {
    String name = blankToNull(userName);
    if (name != null && catalog.one(CatalogKind.USER, name, Catalog.User.class).isEmpty()) {
      throw new InvalidException("user: no catalog user named '" + name + "'");
    }
  }

  private static Role role(String value) {
    Role role;
    try {
      role = Role.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new InvalidException("role: " + e.getMessage());
    }
    if (role == Role.AGENT || role == Role.DEPLOYER) {
      // Agents and deployers are processes with a scoped token (ADRs 0011, 0049), not people who sign in.
      throw new InvalidException("role: an account is admin, responder or viewer; " + role.json()
          + " is for API tokens only");
    }
    return role;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
