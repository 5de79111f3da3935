package dev.vigil.security;

import dev.vigil.system.SecretBox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * {@code vigil demo} only: an admin account {@code demo}, linked to the worked example's admin (nadia), with a new
 * password at every start, which the demo prints so that a newcomer can sign in at once.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "vigil.web.demo-account", havingValue = "true")
public class DemoAccount {

  public static final String USERNAME = "demo";
  static final String LINKED_USER = "nadia";

  private final Accounts accounts;

  DemoAccount(Accounts accounts) {
    this.accounts = accounts;
  }

  /**
   * Gives the account a new password and returns it; called once the catalog is applied, so that the link to the
   * example's user holds.
   */
  public String reset() {
    String password = SecretBox.newSecret("").replaceAll("[^A-Za-z0-9]", "").substring(0, 16);
    accounts.resetDemoAccount(USERNAME, password, LINKED_USER);
    return password;
  }
}
