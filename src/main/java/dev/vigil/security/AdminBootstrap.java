package dev.vigil.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure someone can administer a new installation: registers {@code VIGIL_ADMIN_TOKEN}, or, when no admin
 * token exists at all, generates one and prints it once on the console (never in the logs).
 */
@Component
@ConditionalOnWebApplication
@Order(1)
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final TokenService tokens;
  private final SecurityProperties properties;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;

  AdminBootstrap(TokenService tokens, SecurityProperties properties, TransactionTemplate transactions,
      JdbcClient jdbc) {
    this.tokens = tokens;
    this.properties = properties;
    this.transactions = transactions;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    String configured = properties.adminToken();
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < 20) {
        throw new IllegalStateException("VIGIL_ADMIN_TOKEN must be at least 20 characters long");
      }
      if (transactions.execute(tx -> tokens.registerAdminToken(configured.trim()))) {
        log.info("Registered the admin token from VIGIL_ADMIN_TOKEN");
      }
      return;
    }
    // Several nodes may start at once on a new database: only one of them may mint the first token.
    String issued = transactions.execute(tx -> {
      jdbc.sql("select pg_advisory_xact_lock(hashtext('vigil.security.bootstrap'))").query(Object.class).single();
      return tokens.anyActiveAdmin() ? null : tokens.issue("first admin", Role.ADMIN, "bootstrap").token();
    });
    if (issued != null) {
      System.out.println();
      System.out.println("  Vigil's first admin token (shown once; store it now):");
      System.out.println();
      System.out.println("      " + issued);
      System.out.println();
      System.out.println("  Use it as 'Authorization: Bearer <token>'. Set VIGIL_ADMIN_TOKEN to choose your own.");
      System.out.println();
      System.out.flush();
      log.info("Generated the first admin token and printed it on the console");
    }
  }
}
