package dev.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Setting up the first admin, signing in and out, throttling, sessions that end, and the account pages. */
@IntegrationTest
class WebAccountsIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
  }

  Map<String, String> setupForm(String token, String username) {
    return Map.of("token", token, "username", username, "password", PASSWORD, "confirm", PASSWORD, "user", "alice");
  }

  @Test
  void theFirstAdminIsSetUpWithTheAdminApiTokenOnlyWhileNoAccountExists() {
    WebSession web = new WebSession(port);
    WebSession.Page login = web.get("/login");
    assertThat(login.body()).contains("href=\"/setup\"");
    assertThat(web.get("/setup").status()).isEqualTo(200);

    WebSession.Page wrong = web.post("/setup", setupForm("vgl_not-the-admin-token", "root"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("not an active admin API token");
    WebSession.Page shortPassword = web.post("/setup", Map.of("token", IntegrationTest.ADMIN_TOKEN,
        "username", "root", "password", "short", "confirm", "short"));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.body()).contains("password: at least 12 characters");
    WebSession.Page unknownUser = web.post("/setup", Map.of("token", IntegrationTest.ADMIN_TOKEN,
        "username", "root", "password", PASSWORD, "confirm", PASSWORD, "user", "mallory"));
    assertThat(unknownUser.status()).isEqualTo(400);
    assertThat(unknownUser.body()).contains("no catalog user named &#39;mallory&#39;");
    assertThat(jdbc.sql("select count(*) from web_account").query(Integer.class).single()).isZero();

    WebSession.Page done = web.post("/setup", setupForm(IntegrationTest.ADMIN_TOKEN, "root"));
    assertThat(done.location()).isEqualTo("/login");
    assertThat(jdbc.sql("select role || ' ' || user_name || ' ' || left(password_hash, 8) from web_account")
        .query(String.class).single()).isEqualTo("admin alice {bcrypt}");

    // Once an account exists, setup is over: even the admin token cannot make another admin there.
    assertThat(web.get("/setup").location()).isEqualTo("/login");
    assertThat(web.post("/setup", setupForm(IntegrationTest.ADMIN_TOKEN, "second")).location()).isEqualTo("/login");
    assertThat(jdbc.sql("select count(*) from web_account").query(Integer.class).single()).isEqualTo(1);

    assertThat(web.signIn("root", PASSWORD).location()).doesNotStartWith("/login");
    WebSession.Page home = web.get("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains(">root<").contains(">admin<").contains("Sign out");
  }

  @Test
  void signInChangesTheSessionIdAndSetsSafeCookieFlags() {
    WebSession.account(jdbc, "ann", PASSWORD, "viewer", null);
    WebSession web = new WebSession(port);
    WebSession.Page login = web.get("/login");
    String before = cookie(login);
    assertThat(before).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    WebSession.Page signedIn = web.post("/login", Map.of("username", "ann", "password", PASSWORD));
    assertThat(signedIn.location()).isEqualTo("/");
    String after = cookie(signedIn);
    assertThat(value(after)).as("session fixation: a new session id at sign-in").isNotEqualTo(value(before));

    WebSession proxied = new WebSession(port);
    WebSession.Page overHttps = proxied.get("/login", Map.of("X-Forwarded-Proto", "https"));
    assertThat(cookie(overHttps)).as("behind a TLS proxy").contains("Secure");
  }

  static String cookie(WebSession.Page page) {
    return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("VIGIL_SESSION=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + page.headers().map()));
  }

  static String value(String cookie) {
    return cookie.substring(0, cookie.indexOf(';'));
  }

  @Test
  void wrongPasswordsAreThrottledPerUserName() {
    WebSession.account(jdbc, "bea", PASSWORD, "viewer", null);
    WebSession web = new WebSession(port);
    assertThat(web.signIn("bea", "wrong password 1").location()).isEqualTo("/login?error");
    assertThat(web.signIn("nobody", "wrong password").location()).as("unknown name, same answer")
        .isEqualTo("/login?error");
    for (int i = 2; i <= 10; i++) {
      assertThat(web.signIn("bea", "wrong password " + i).location()).isEqualTo("/login?error");
    }
    WebSession.Page throttled = web.signIn("BEA", PASSWORD);
    assertThat(throttled.location()).as("the right password, but too many tries").startsWith("/login?throttled=");
    assertThat(web.get(throttled.location()).body()).contains("Too many sign-in attempts");
    assertThat(web.get("/").location()).isEqualTo("/login");
    // The allowance refills over the window (15 minutes by default): one attempt every 90 s.
    clock.advance(Duration.ofMinutes(2));
    assertThat(web.signIn("bea", PASSWORD).location()).doesNotStartWith("/login");
  }

  @Test
  void aSessionEndsAfterTheIdleTimeoutAndBackgroundRefreshesDoNotKeepItAlive() {
    WebSession.account(jdbc, "cid", PASSWORD, "viewer", null);
    WebSession web = new WebSession(port);
    web.signIn("cid", PASSWORD);
    clock.advance(Duration.ofMinutes(50));
    assertThat(web.get("/incidents").status()).as("active 50 min later").isEqualTo(200);
    clock.advance(Duration.ofMinutes(50));
    Map<String, String> refresh = Map.of("HX-Request", "true", "Vigil-Refresh", "true");
    assertThat(web.get("/incidents/rows", refresh).status()).as("refresh 50 min after the last click")
        .isEqualTo(200);
    clock.advance(Duration.ofMinutes(11));
    assertThat(web.get("/incidents/rows", refresh).status()).as("an hour and a minute without a click")
        .isEqualTo(401);
    assertThat(web.get("/incidents").location()).isEqualTo("/login");
  }

  @Test
  void adminsCreateDisableAndResetAccountsAndThoseTakeEffectAtOnce() {
    WebSession.account(jdbc, "root", PASSWORD, "admin", null);
    WebSession admin = new WebSession(port);
    admin.signIn("root", PASSWORD);
    admin.get("/admin/accounts");
    assertThat(admin.post("/admin/accounts", Map.of("username", "dora", "password", PASSWORD, "confirm", PASSWORD,
        "role", "responder", "user", "bob")).location()).isEqualTo("/admin/accounts");
    assertThat(admin.get("/admin/accounts").body()).contains("Account &#39;dora&#39; created.");
    WebSession.Page duplicate = admin.post("/admin/accounts", Map.of("username", "DORA", "password", PASSWORD,
        "confirm", PASSWORD, "role", "viewer"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body()).contains("exists already");
    WebSession.Page badRole = admin.post("/admin/accounts", Map.of("username", "eve", "password", PASSWORD,
        "confirm", PASSWORD, "role", "superuser"));
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.body()).contains("role: unknown role");
    assertThat(admin.post("/admin/accounts/999/disable", Map.of()).status()).isEqualTo(404);
    assertThat(admin.post("/admin/accounts/abc/disable", Map.of()).status()).isEqualTo(400);

    long dora = jdbc.sql("select id from web_account where username = 'dora'").query(Long.class).single();
    WebSession doraSession = new WebSession(port);
    assertThat(doraSession.signIn("dora", PASSWORD).location()).doesNotStartWith("/login");
    assertThat(doraSession.get("/").body()).contains(">responder<");

    admin.get("/admin/accounts");
    admin.post("/admin/accounts/" + dora + "/password", Map.of("password", "a new long password",
        "confirm", "a new long password"));
    assertThat(doraSession.get("/").location()).as("signed out by the new password").isEqualTo("/login");
    assertThat(doraSession.signIn("dora", PASSWORD).location()).isEqualTo("/login?error");
    assertThat(doraSession.signIn("dora", "a new long password").location()).doesNotStartWith("/login");

    admin.get("/admin/accounts");
    admin.post("/admin/accounts/" + dora + "/disable", Map.of());
    assertThat(doraSession.get("/").location()).as("signed out by disabling").isEqualTo("/login");
    assertThat(doraSession.signIn("dora", "a new long password").location()).isEqualTo("/login?disabled");

    admin.get("/admin/accounts");
    admin.post("/admin/accounts/" + dora + "/enable", Map.of());
    admin.post("/admin/accounts/" + dora, Map.of("role", "viewer", "user", ""));
    assertThat(doraSession.signIn("dora", "a new long password").location()).doesNotStartWith("/login");
    assertThat(doraSession.get("/").body()).contains(">viewer<");

    long root = jdbc.sql("select id from web_account where username = 'root'").query(Long.class).single();
    admin.get("/admin/accounts");
    WebSession.Page lastAdmin = admin.post("/admin/accounts/" + root + "/disable", Map.of());
    assertThat(lastAdmin.status()).isEqualTo(409);
    assertThat(lastAdmin.body()).contains("last active admin");
  }
}
