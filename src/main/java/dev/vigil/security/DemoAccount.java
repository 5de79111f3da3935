package dev.vigil.security;

import dev.vigil.system.SecretBox;
import dev.vigil.web.WebProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code vigil demo} only: an admin account {@code demo}, linked to the worked example's admin (nadia), with a new
 * password at every start, printed on the console so that a newcomer can sign in at once.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "vigil.web.demo-account", havingValue = "true")
@Order(20) // after the catalog is applied (CatalogStartup, order 10), so that the link to the example's user holds
class DemoAccount implements ApplicationRunner {

  static final String USERNAME = "demo";
  static final String LINKED_USER = "nadia";

  private final Accounts accounts;
  private final WebProperties properties;
  private final Environment environment;

  DemoAccount(Accounts accounts, WebProperties properties, Environment environment) {
    this.accounts = accounts;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demoAccount()) {
      return;
    }
    String password = SecretBox.newSecret("").replaceAll("[^A-Za-z0-9]", "").substring(0, 16);
    accounts.resetDemoAccount(USERNAME, password, LINKED_USER);
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    System.out.println();
    System.out.println("  Vigil demo: sign in at http://localhost:" + port + "/login");
    System.out.println("      user name: " + USERNAME);
    System.out.println("      password:  " + password + "   (new at every start of the demo)");
    System.out.println();
    System.out.flush();
  }
}
