package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.catalog.SchemaType.ObjectType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** The generated JSON Schema: up to date in docs/, faithful to the records, and in agreement with the loader. */
class CatalogSchemaTest {

  /** Tests run from the project root, where the generated schema is committed. */
  static final Path COMMITTED = CatalogSchema.DEFAULT_LOCATION;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theCommittedSchemaIsWhatTheGeneratorProducesNow() throws IOException {
    if (Boolean.getBoolean("vigil.updateSchema")) {
      CatalogSchema.write(COMMITTED);
    }

    assertThat(COMMITTED).exists();
    assertThat(Files.readString(COMMITTED))
        .as("%s is out of date; regenerate it with ./mvnw test -Dtest=CatalogSchemaTest -Dvigil.updateSchema=true",
            COMMITTED)
        .isEqualTo(CatalogSchema.jsonSchema());
  }

  @Test
  void isDraft2020WithADescriptionOnEveryPropertyAndNoUnknownKeys() throws IOException {
    JsonNode schema = JSON.readTree(CatalogSchema.jsonSchema());

    assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    List<JsonNode> objects = new ArrayList<>(List.of(schema));
    schema.get("$defs").forEach(objects::add);
    assertThat(objects).hasSize(55);
    for (JsonNode object : objects) {
      assertThat(object.get("additionalProperties").asBoolean(true)).isFalse();
      assertThat(object.get("description").asText()).isNotBlank();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.get("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        assertThat(property.getValue().path("description").asText()).as(property.getKey()).isNotBlank();
      }
    }
    JsonNode service = schema.at("/$defs/service");
    assertThat(service.at("/required")).extracting(JsonNode::asText).containsExactly("name", "team", "tier");
    assertThat(service.at("/properties/tier/minimum").asInt()).isEqualTo(1);
    assertThat(service.at("/properties/tier/maximum").asInt()).isEqualTo(4);
    assertThat(service.at("/properties/kind/enum")).extracting(JsonNode::asText).contains("http-service", "kubernetes-node");
    assertThat(schema.at("/$defs/contract/properties/availability/exclusiveMinimum").asInt()).isZero();
    assertThat(schema.at("/$defs/team/properties/name/pattern").asText()).isNotEmpty();
  }

  /** The schema model and the records it binds to must name the same fields, or one of them is out of date. */
  @Test
  void everyObjectHasExactlyTheFieldsOfItsRecord() {
    Map<ObjectType, Class<? extends Record>> records = Map.ofEntries(
        Map.entry(CatalogSchema.ROOT, Catalog.class),
        Map.entry(CatalogSchema.TEAM, Catalog.Team.class),
        Map.entry(CatalogSchema.USER, Catalog.User.class),
        Map.entry(CatalogSchema.CONTACT_METHOD, Catalog.ContactMethod.class),
        Map.entry(CatalogSchema.SERVICE, Catalog.Service.class),
        Map.entry(CatalogSchema.INTEGRATION, Catalog.Integration.class),
        Map.entry(CatalogSchema.ROUTING_RULE, Catalog.RoutingRule.class),
        Map.entry(CatalogSchema.SCHEDULE, Catalog.Schedule.class),
        Map.entry(CatalogSchema.LAYER, Catalog.Layer.class),
        Map.entry(CatalogSchema.RESTRICTION, Catalog.Restriction.class),
        Map.entry(CatalogSchema.SHIFT_NOTICE, Catalog.ShiftNotice.class),
        Map.entry(CatalogSchema.SCHEDULE_OVERRIDE, Catalog.ScheduleOverride.class),
        Map.entry(CatalogSchema.TEMPORARY_SCHEDULE, Catalog.TemporarySchedule.class),
        Map.entry(CatalogSchema.TEMPORARY_SHIFT, Catalog.TemporaryShift.class),
        Map.entry(CatalogSchema.ESCALATION_POLICY, Catalog.EscalationPolicy.class),
        Map.entry(CatalogSchema.ESCALATION_STEP, Catalog.EscalationStep.class),
        Map.entry(CatalogSchema.TARGET, Catalog.Target.class),
        Map.entry(CatalogSchema.CUSTOMER, Catalog.Customer.class),
        Map.entry(CatalogSchema.CONTRACT, Catalog.Contract.class),
        Map.entry(CatalogSchema.CREDIT_TIER, Catalog.CreditTier.class),
        Map.entry(CatalogSchema.SLO, Catalog.Slo.class),
        Map.entry(CatalogSchema.TIMESLICE, Catalog.Timeslice.class),
        Map.entry(CatalogSchema.BURN_RATE_RULE, Catalog.BurnRateRule.class),
        Map.entry(CatalogSchema.SLI, Catalog.Sli.class),
        Map.entry(CatalogSchema.PROBE_SLI, Catalog.ProbeSli.class),
        Map.entry(CatalogSchema.PROMETHEUS_SLI, Catalog.PrometheusSli.class),
        Map.entry(CatalogSchema.INCIDENT_SLI, Catalog.IncidentSli.class),
        Map.entry(CatalogSchema.PROMETHEUS_SOURCE, Catalog.PrometheusSource.class),
        Map.entry(CatalogSchema.BASIC_AUTH, Catalog.BasicAuth.class),
        Map.entry(CatalogSchema.MONITORING, Catalog.Monitoring.class),
        Map.entry(CatalogSchema.MONITORING_THRESHOLDS, Catalog.Thresholds.class),
        Map.entry(CatalogSchema.EXTRA_RULE, Catalog.ExtraRule.class),
        Map.entry(CatalogSchema.CHANGE_FREEZE, Catalog.ChangeFreeze.class));

    records.forEach((type, record) -> assertThat(type.fieldNames()).as(record.getSimpleName())
        .containsExactlyElementsOf(Stream.of(record.getRecordComponents()).map(RecordComponent::getName)
            .map(CatalogSchemaTest::snakeCase).toList()));
  }

  private static String snakeCase(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
  }

  @Test
  void writesTheSchemaWhereItIsAsked(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path target = dir.resolve("nested/schema.json");

    CatalogSchema.main(new String[] {target.toString()});

    assertThat(target).hasContent(CatalogSchema.jsonSchema().stripTrailing());
  }

  // A real JSON Schema implementation, reading YAML the way editors do (YAML 1.2: 09:00 is text, not a number).

  private static final JsonSchema EDITOR_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(CatalogSchema.jsonSchema());

  static Set<ValidationMessage> editorCheck(String yaml) {
    LoaderOptions options = new LoaderOptions();
    DumperOptions dumper = new DumperOptions();
    Object document = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
        new Yaml12Resolver()).load(yaml);
    return EDITOR_SCHEMA.validate(JSON.valueToTree(document));
  }

  /** The YAML 1.2 core schema that editors use, where dates and sexagesimal numbers stay text. */
  private static final class Yaml12Resolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
      addImplicitResolver(Tag.FLOAT,
          Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), "-+0123456789.");
      addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<");
      addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
    }
  }

  @Test
  void editorsAcceptTheBigValidExample() throws IOException {
    assertThat(editorCheck(CatalogLoaderTest.resource("big-valid.yaml"))).isEmpty();
  }

  static Stream<String> invalidFiles() {
    String base = """
        version: 1
        teams: [{name: ops}]
        users: [{name: ana, email: ana@example.com}]
        services: [{name: api, team: ops, tier: 3}]
        """;
    return Stream.of(
        "version: 2\n",
        "version: 1\nservice: []\n",
        base.replace("tier: 3", "tier: 7"),
        base.replace("tier: 3", "tier: abc"),
        base.replace("tier: 3", "tier: 3, kind: mainframe"),
        base.replace("tier: 3", "tier: 3, rto: soon"),
        base.replace("tier: 3", "tier: 3, tags: {a: [x]}"),
        base.replace("{name: ops}", "{name: Ops}"),
        base.replace(", email: ana@example.com", ""),
        base.replace("ana@example.com", "ana.example.com"),
        base + "integrations: [{name: i, type: events}]\n",
        base + "integrations: [{name: i, type: events, service: api, default_service: api}]\n",
        base + "integrations: [{name: i, type: events, service: api, key: too-short}]\n",
        base + "integrations: [{name: i, type: events, routing: [{match: {}, service: api}]}]\n",
        base + "escalation_policies: [{name: p, steps: [{delay: 5m, targets: [{user: ana, team: ops}]}]}]\n",
        base + "escalation_policies: [{name: p, steps: [{delay: 5m, targets: [{}]}]}]\n",
        base + "escalation_policies: [{name: p, steps: []}]\n",
        base + "escalation_policies: [{name: p, repeat: -1, steps: [{delay: 5m, targets: [{user: ana}]}]}]\n",
        base + "schedules: [{name: s, time_zone: UTC, layers: [{rotation: custom, start: 2026-01-05T09:00,"
            + " participants: [ana]}]}]\n",
        base + "schedules: [{name: s, time_zone: UTC, layers: [{rotation: weekly, shift_length: 12h,"
            + " start: 2026-01-05T09:00, participants: [ana]}]}]\n",
        base + "schedules: [{name: s, time_zone: UTC, layers: [{rotation: daily, start: 2026-01-05,"
            + " participants: [ana]}]}]\n",
        base + "schedules: [{name: s, time_zone: UTC, layers: [{rotation: daily, start: 2026-01-05T09:00,"
            + " participants: [ana], restrictions: [{days: [funday], from: 09:00, to: 17:00}]}]}]\n",
        base + "customers: [{name: Acme, contracts: [{name: a, services: [api], availability: 0, period: monthly}]}]\n",
        base + "customers: [{name: Acme, contracts: [{name: a, services: [api], availability: 99, period: monthly,"
            + " credit_tiers: [{below: 99, credit_percent: 120}]}]}]\n");
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void editorsRejectWhatTheLoaderRejects(String yaml) {
    assertThat(CatalogLoader.withEnvironment(k -> null).load("v.yaml", yaml).errors()).isNotEmpty();
    assertThat(editorCheck(yaml)).isNotEmpty();
  }

  @Test
  void editorsAcceptInterpolatedKeys() {
    assertThat(editorCheck("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 3}]
        integrations: [{name: i, type: events, service: api, key: "${EVENTS_KEY}"}]
        """)).isEmpty();
  }
}
