package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.Catalog.ContractPeriod;
import dev.vigil.catalog.Catalog.IntegrationType;
import dev.vigil.catalog.Catalog.RotationType;
import dev.vigil.catalog.Catalog.ServiceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading whole files: binding a big valid catalog, file errors, and how problems are returned. */
class CatalogLoaderTest {

  private static final Map<String, String> ENV = Map.of("PROMETHEUS_KEY", "prometheus-key-0123456789abcdef");

  @TempDir
  Path dir;

  static String resource(String name) throws IOException {
    try (InputStream in = CatalogLoaderTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private LoadResult loadBigExample() throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, resource("big-valid.yaml"));
    Files.writeString(dir.resolve("grafana.key"), "grafana-key-abcdefghijklmnop\n");
    return CatalogLoader.withEnvironment(ENV::get).load(file);
  }

  @Test
  void bindsEveryKindOfEntryOfABigValidFile() throws IOException {
    LoadResult result = loadBigExample();

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    Catalog c = result.catalog();
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.teams()).extracting(Catalog.Team::name).containsExactly("platform", "checkout", "tracking", "support");
    assertThat(c.users()).hasSize(8);
    assertThat(c.services()).hasSize(11);
    assertThat(c.integrations()).hasSize(4);
    assertThat(c.schedules()).hasSize(2);
    assertThat(c.escalationPolicies()).hasSize(3);
    assertThat(c.customers()).hasSize(2);

    Catalog.Team platform = c.team("platform").orElseThrow();
    assertThat(platform.members()).containsExactly("ana", "bao", "chidi");
    assertThat(platform.slackChannel()).isEqualTo("#platform-oncall");
    assertThat(c.team("tracking").orElseThrow().description()).isNull();

    Catalog.User ana = c.user("ana").orElseThrow();
    assertThat(ana.fullName()).isEqualTo("Ana Lima");
    assertThat(ana.timeZone()).isEqualTo("Europe/Lisbon");
    assertThat(ana.role()).isEqualTo("admin");
    assertThat(ana.contactMethods()).containsExactly(
        new Catalog.ContactMethod(ContactType.EMAIL, "ana@parcel.example", null),
        new Catalog.ContactMethod(ContactType.SMS, "+351912345678", "mobile"),
        new Catalog.ContactMethod(ContactType.VOICE, "+351912345678", null));
    assertThat(c.user("bao").orElseThrow().contactMethods()).extracting(Catalog.ContactMethod::type)
        .containsExactly(ContactType.SLACK, ContactType.TEAMS);
    assertThat(c.user("chidi").orElseThrow().contactMethods().getFirst().type()).isEqualTo(ContactType.WEBHOOK);
    assertThat(c.user("gus").orElseThrow().role()).isEqualTo("responder");
    assertThat(c.user("gus").orElseThrow().contactMethods()).isEmpty();

    Catalog.Service checkout = c.service("checkout-api").orElseThrow();
    assertThat(checkout.team()).isEqualTo("checkout");
    assertThat(checkout.tier()).isEqualTo(1);
    assertThat(checkout.kind()).isEqualTo(ServiceKind.HTTP_SERVICE);
    assertThat(checkout.dependsOn()).containsExactly("edge-gateway", "orders-db", "cache", "payments");
    assertThat(checkout.rto()).isEqualTo(Duration.ofMinutes(30));
    assertThat(checkout.rpo()).isEqualTo(Duration.ofMinutes(1));
    assertThat(checkout.escalationPolicy()).isEqualTo("checkout");
    assertThat(checkout.runbookUrl()).isEqualTo("https://wiki.parcel.example/runbooks/checkout-api");
    // Merge key: the anchored tags plus its own.
    assertThat(checkout.tags()).containsExactlyInAnyOrderEntriesOf(
        Map.of("region", "eu-west-1", "zones", "a,b", "pci", "true"));
    assertThat(c.service("orders-db").orElseThrow().tags()).containsEntry("region", "eu-west-1");
    assertThat(c.service("edge-gateway").orElseThrow().rpo()).isEqualTo(Duration.ZERO);
    assertThat(c.service("search").orElseThrow().rto()).isEqualTo(Duration.ofHours(2));
    assertThat(c.service("node-eu-1a").orElseThrow().kind()).isEqualTo(ServiceKind.KUBERNETES_NODE);
    Catalog.Service status = c.service("status-site").orElseThrow();
    assertThat(status.kind()).isNull();
    assertThat(status.rto()).isNull();
    assertThat(status.dependsOn()).isEmpty();
    assertThat(status.tags()).isEmpty();

    Catalog.Integration prometheus = c.integrations().getFirst();
    assertThat(prometheus.type()).isEqualTo(IntegrationType.ALERTMANAGER);
    assertThat(prometheus.service()).isNull();
    assertThat(prometheus.routing()).containsExactly(
        new Catalog.RoutingRule(Map.of("team", "checkout"), "checkout-api"),
        new Catalog.RoutingRule(Map.of("team", "tracking", "component", "search"), "search"));
    assertThat(prometheus.defaultService()).isEqualTo("edge-gateway");
    assertThat(prometheus.key()).isEqualTo("prometheus-key-0123456789abcdef");
    assertThat(c.integrations().get(1).key()).isEqualTo("grafana-key-abcdefghijklmnop");
    assertThat(c.integrations().get(2).key()).isNull();
    assertThat(c.integrations().get(2).type()).isEqualTo(IntegrationType.PAGERDUTY);
    assertThat(c.integrations().get(3).key()).isEqualTo("cron-key-for-local-testing-only");

    Catalog.Schedule primary = c.schedules().getFirst();
    assertThat(primary.timeZone()).isEqualTo("Europe/Lisbon");
    assertThat(primary.layers()).hasSize(2);
    Catalog.Layer hours = primary.layers().get(1);
    assertThat(hours.name()).isEqualTo("business-hours");
    assertThat(hours.rotation()).isEqualTo(RotationType.DAILY);
    assertThat(hours.shiftLength()).isNull();
    assertThat(hours.start()).isEqualTo("2026-01-05T09:00");
    assertThat(hours.restrictions()).containsExactly(
        new Catalog.Restriction(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00"));
    Catalog.Layer nights = c.schedules().get(1).layers().getFirst();
    assertThat(nights.rotation()).isEqualTo(RotationType.CUSTOM);
    assertThat(nights.shiftLength()).isEqualTo(Duration.ofHours(12));
    assertThat(nights.participants()).containsExactly("farah", "gus", "farah");
    assertThat(nights.restrictions().getFirst().days()).isEmpty();

    Catalog.EscalationPolicy critical = c.escalationPolicies().getFirst();
    assertThat(critical.repeat()).isEqualTo(2);
    assertThat(critical.ackTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(critical.steps()).containsExactly(
        new Catalog.EscalationStep(Duration.ofMinutes(5), List.of(new Catalog.Target(null, "platform-primary", null))),
        new Catalog.EscalationStep(Duration.ofMinutes(10),
            List.of(new Catalog.Target(null, null, "platform"), new Catalog.Target("dana", null, null))));
    Catalog.EscalationPolicy checkoutPolicy = c.escalationPolicies().get(1);
    assertThat(checkoutPolicy.repeat()).isZero();
    assertThat(checkoutPolicy.ackTimeout()).isNull();
    assertThat(checkoutPolicy.steps().getFirst().delay()).isEqualTo(Duration.ofMinutes(90));

    Catalog.Customer globex = c.customers().getFirst();
    assertThat(globex.name()).isEqualTo("Globex Retail AG");
    assertThat(globex.contacts()).containsExactly("dana", "hana");
    Catalog.Contract sla = globex.contracts().getFirst();
    assertThat(sla.services()).containsExactly("checkout-api", "tracking-api");
    assertThat(sla.availability()).isEqualTo(99.9);
    assertThat(sla.period()).isEqualTo(ContractPeriod.MONTHLY);
    assertThat(sla.creditTiers()).containsExactly(
        new Catalog.CreditTier(99.9, 10), new Catalog.CreditTier(99.0, 25), new Catalog.CreditTier(95, 100));
    assertThat(globex.contracts().get(1).creditTiers()).isEmpty();
    assertThat(c.customers().get(1).contacts()).isEmpty();
    assertThat(c.customers().get(1).contracts().getFirst().period()).isEqualTo(ContractPeriod.YEARLY);
  }

  @Test
  void absentListsBindAsEmpty() {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load("v.yaml", "version: 1\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.catalog()).isEqualTo(Catalog.empty());
  }

  @Test
  void warningsAloneLeaveTheCatalogUsable() {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load("v.yaml", """
        version: 1
        teams:
          - name: ops
        services:
          - name: api
            team: ops
            tier: 1
        """);

    assertThat(result.ok()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).extracting(Problem::format).containsExactly(
        "v.yaml:5:5: warning: tier-1 service 'api' has no escalation_policy; nobody would be paged when it fails");
    assertThat(result.catalog().services()).hasSize(1);
  }

  @Test
  void errorsLeaveNoCatalog() {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load("v.yaml", "version: 2\n");

    assertThat(result.ok()).isFalse();
    assertThat(result.catalog()).isNull();
    assertThat(result.errors()).extracting(Problem::format).containsExactly("v.yaml:1:10: version must be 1, got '2'");
  }

  @Test
  void aMissingFileIsOneProblemAboutTheFile() {
    Path missing = dir.resolve("nope.yaml");

    LoadResult result = CatalogLoader.withEnvironment(k -> null).load(missing);

    assertThat(result.catalog()).isNull();
    assertThat(result.problems()).extracting(Problem::format)
        .containsExactly(missing + ": cannot read the file: no such file");
  }

  @Test
  void aDirectoryOrBinaryFileIsOneProblemAboutTheFile() throws IOException {
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

    assertThat(CatalogLoader.withEnvironment(k -> null).load(dir).problems()).extracting(Problem::format)
        .containsExactly(dir + ": cannot read the file: it is a directory");
    assertThat(CatalogLoader.withEnvironment(k -> null).load(binary).problems()).extracting(Problem::format)
        .containsExactly(binary + ": cannot read the file: it is not UTF-8 text");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[YamlReader.MAX_CODE_POINTS + 1]);

    assertThat(CatalogLoader.withEnvironment(k -> null).load(big).problems()).extracting(Problem::format)
        .containsExactly(big + ": the file is larger than 10 MiB; refusing to read it");
  }

  @Test
  void aByteOrderMarkIsIgnored() throws IOException {
    Path file = dir.resolve("bom.yaml");
    Files.writeString(file, "\uFEFFversion: 1\n");

    assertThat(CatalogLoader.withEnvironment(k -> null).load(file).problems()).isEmpty();
  }

  @Test
  void problemsAreInFileOrderWithWarningsMarked() {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load("v.yaml", """
        version: 1
        teams:
          - name: ops
        services:
          - name: api
            team: ops
            tier: 1
          - name: db
            team: nobody
            tier: 3
        """);

    assertThat(result.problems()).extracting(Problem::format).containsExactly(
        "v.yaml:5:5: warning: tier-1 service 'api' has no escalation_policy; nobody would be paged when it fails",
        "v.yaml:9:11: undefined team 'nobody'; declare it under teams");
    assertThat(result.problems().getFirst().severity()).isEqualTo(Severity.WARNING);
    assertThat(result.problems().get(1)).isEqualTo(new Problem(Severity.ERROR, "v.yaml", 9, 11,
        "undefined team 'nobody'; declare it under teams"));
  }

  @Test
  void aProblemAboutTheWholeFileHasNoPosition() {
    assertThat(new Problem(Severity.ERROR, "x.yaml", 0, 0, "cannot read").format()).isEqualTo("x.yaml: cannot read");
    assertThat(new Problem(Severity.WARNING, "x.yaml", 3, 7, "careful").format()).isEqualTo("x.yaml:3:7: warning: careful");
  }
}
