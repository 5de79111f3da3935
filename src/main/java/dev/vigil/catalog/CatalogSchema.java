package dev.vigil.catalog;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.Catalog.ContractPeriod;
import dev.vigil.catalog.Catalog.IntegrationType;
import dev.vigil.catalog.Catalog.RotationType;
import dev.vigil.catalog.Catalog.ServiceKind;
import dev.vigil.catalog.SchemaType.BooleanType;
import dev.vigil.catalog.SchemaType.DurationType;
import dev.vigil.catalog.SchemaType.ExactlyOneOf;
import dev.vigil.catalog.SchemaType.Field;
import dev.vigil.catalog.SchemaType.IntegerType;
import dev.vigil.catalog.SchemaType.ListType;
import dev.vigil.catalog.SchemaType.LocalDateTimeType;
import dev.vigil.catalog.SchemaType.LocalTimeType;
import dev.vigil.catalog.SchemaType.NumberType;
import dev.vigil.catalog.SchemaType.ObjectType;
import dev.vigil.catalog.SchemaType.OnlyWhen;
import dev.vigil.catalog.SchemaType.ReferenceType;
import dev.vigil.catalog.SchemaType.StringMapType;
import dev.vigil.catalog.SchemaType.StringType;
import dev.vigil.catalog.SchemaType.TimeZoneType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog file format ({@code vigil.yaml}, version 1), described once; {@link #jsonSchema()} renders
 * it as the JSON Schema that editors use, and the loader validates files against the same description.
 */
public final class CatalogSchema {

  /** Where the generated JSON Schema is kept in the repository. */
  public static final Path DEFAULT_LOCATION = Path.of("docs", "vigil.schema.json");

  private static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

  static final StringType NAME = string(NAME_PATTERN, "use lowercase letters, digits and hyphens, such as payment-api");
  static final StringType TEXT = new StringType(null, null, null, false);
  static final StringType NON_BLANK = string("\\S", "must not be empty");
  static final StringType EMAIL =
      string("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "expected an email address such as ana@example.com");
  static final StringType URL = string("^https?://\\S+$", "expected an http:// or https:// URL");
  static final StringType SLACK_CHANNEL = string("^#?[a-z0-9][a-z0-9._-]*$", "expected a Slack channel such as #payments");
  static final StringType INTEGRATION_KEY = new StringType("^[A-Za-z0-9_-]{20,}$",
      "a key is at least 20 characters of A-Z, a-z, 0-9, '_' and '-'", null, true);
  static final List<String> ROLES = List.of("admin", "responder", "viewer");
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  static final ObjectType TEAM = object("team", "team", Kind.TEAM, "A group of people who own services.",
      required("name", NAME, "Unique name of the team: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the team does, for people reading the catalog."),
      optional("members", new ListType(new ReferenceType(Kind.USER), 0, true), "Names of the users in the team."),
      optional("slack_channel", SLACK_CHANNEL,
          "Slack channel where the team talks about incidents, such as #payments."));

  static final ObjectType CONTACT_METHOD = object("contact_method", "contact method", null,
      "One way to reach a user; Vigil tries a user's contact methods in the order listed.",
      required("type", enumOf(ContactType.class), "Channel: email, sms, voice, slack, teams or webhook."),
      required("address", NON_BLANK, "Where to send: an email address; a phone number in E.164 form such as"
          + " +4915112345678 for sms and voice; a Slack member or channel ID; a Teams or webhook URL."),
      optional("label", TEXT, "A name for this contact method, such as 'work phone'."));

  static final ObjectType SHIFT_NOTICE = object("shift_notice", "shift notice", null,
      "A heads-up before each on-call shift, with a summary of the open incidents, sent to the first contact method.",
      required("before", new DurationType(true), "How long before a shift starts the notice goes out, such as 12h."),
      optional("enabled", new BooleanType(), "Set false to stop the notices without deleting the setting; true when"
          + " absent."));

  static final ObjectType USER = object("user", "user", Kind.USER, "A person who can be paged.",
      required("name", NAME, "Unique short handle of the user, such as ana; lowercase letters, digits and hyphens."),
      optional("full_name", TEXT, "The user's full name as shown in the UI and in notifications."),
      required("email", EMAIL, "The user's email address; also the address for sign-in and email notifications."),
      optional("time_zone", new TimeZoneType(),
          "IANA time zone of the user, such as Europe/Berlin, for showing shifts."),
      optional("role", new StringType(null, null, ROLES, false),
          "What the user may do in Vigil: admin, responder (the default) or viewer."),
      optional("contact_methods", new ListType(CONTACT_METHOD, 0, false),
          "How to reach the user, in order of preference."),
      optional("shift_notice", SHIFT_NOTICE,
          "A heads-up before each of the user's on-call shifts; no notices when absent."));

  static final ObjectType SUPPORT_HOURS = object("support_hours", "support hours", null,
      "When a service is staffed; low-urgency incidents page only inside these hours.",
      required("time_zone", new TimeZoneType(), "IANA time zone of the hours, such as Europe/Paris."),
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays the hours apply to, mon to sun; monday to friday when absent."),
      required("from", new LocalTimeType(), "Start of the hours, HH:MM on a 24-hour clock."),
      required("to", new LocalTimeType(), "End of the hours, HH:MM; before 'from' runs past midnight."));

  static final ObjectType SERVICE = object("service", "service", Kind.SERVICE,
      "Something that can break: owned by a team and paged through an escalation policy.",
      required("name", NAME, "Unique name of the service: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the service does, for people reading the catalog and the status page."),
      required("team", new ReferenceType(Kind.TEAM), "Name of the team that owns the service."),
      required("tier", new IntegerType(1L, 4L),
          "How critical the service is, from 1 (business stops without it) to 4."),
      optional("kind", enumOf(ServiceKind.class), "What the service is; decides which probes and dashboards fit it."),
      optional("depends_on", new ListType(new ReferenceType(Kind.SERVICE), 0, true),
          "Names of the services this one needs in order to work; used to correlate incidents. No cycles."),
      optional("runbook_url", URL, "Link to the runbook responders open first."),
      optional("rto", new DurationType(true), "Recovery time objective: how long the service may be down, such as 1h."),
      optional("rpo", new DurationType(false),
          "Recovery point objective: how much recent data may be lost, such as 5m; 0s for none."),
      optional("escalation_policy", new ReferenceType(Kind.ESCALATION_POLICY),
          "Name of the escalation policy that pages people when the service has an incident."),
      optional("tags", new StringMapType(0), "Free-form labels, such as zone: eu-central-1a."),
      optional("support_hours", SUPPORT_HOURS,
          "When the service is staffed; low-urgency incidents wait for these hours. Monday to Friday 09:00-17:00"
              + " UTC when absent."));

  static final ObjectType ROUTING_RULE = object("routing_rule", "routing rule", null,
      "Sends the alerts whose labels match to a service.",
      required("match", new StringMapType(1),
          "Alert labels and the values they must equal, all of them, for the rule to apply."),
      required("service", new ReferenceType(Kind.SERVICE), "Name of the service that gets the matching alerts."));

  static final ObjectType INTEGRATION = object("integration", "integration", Kind.INTEGRATION,
      "A source of alerts with its own key: alerts go to 'service', or else to the first routing rule that"
          + " matches, or else to 'default_service'.",
      required("name", NAME, "Unique name of the integration: lowercase letters, digits and hyphens."),
      required("type", enumOf(IntegrationType.class),
          "Which tool sends the alerts: alertmanager, grafana, pagerduty or events."),
      optional("service", new ReferenceType(Kind.SERVICE), "Name of the service all alerts go to; not with 'routing'."),
      optional("routing", new ListType(ROUTING_RULE, 1, false),
          "Rules that pick a service from the alert's labels; the first match wins. Not with 'service'."),
      optional("default_service", new ReferenceType(Kind.SERVICE),
          "Name of the service for alerts that match no routing rule. Not with 'service'."),
      optional("key", INTEGRATION_KEY, "Secret key in the integration's URL, at least 20 characters of A-Z, a-z, 0-9,"
          + " '_' and '-'; generated when absent. Write ${ENV_VAR} or ${file:/path} to keep it out of Git."),
      optional("group_by", new ListType(NON_BLANK, 1, true),
          "Alert labels whose equal values put alerts into one incident per service, such as [alertname];"
              + " when absent every distinct alert opens its own incident."),
      optional("auto_resolve", new BooleanType(),
          "Resolve an incident by itself when all of its alerts have resolved; true when absent."),
      optional("reopen_window", new DurationType(false),
          "An alert firing again within this time after its incident resolved re-opens that incident instead of"
              + " opening a new one; 1h when absent, 0s never re-opens."),
      optional("rate_limit", new IntegerType(1L, 1_000_000L),
          "Most alerts accepted per minute; more are refused with 429 and Retry-After. 6000 when absent."))
      .withRules(new ExactlyOneOf(List.of(List.of("service"), List.of("routing", "default_service"))));

  static final ObjectType RESTRICTION = object("restriction", "restriction", null,
      "A time-of-day window on some weekdays; a 'to' before 'from' runs past midnight.",
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays the window applies to, mon to sun; every day when absent."),
      required("from", new LocalTimeType(), "Start of the window, HH:MM on a 24-hour clock."),
      required("to", new LocalTimeType(), "End of the window, HH:MM on a 24-hour clock."));

  static final ObjectType LAYER = object("layer", "layer", null,
      "One rotation of a schedule: participants take turns in shifts; later layers override earlier ones.",
      optional("name", TEXT, "A name for the layer, such as 'weekdays'."),
      required("rotation", enumOf(RotationType.class),
          "Length of each shift: hourly, daily, weekly, or custom with 'shift_length'."),
      optional("shift_length", new DurationType(true),
          "Length of each shift, such as 12h; only with rotation custom, and required there."),
      required("start", new LocalDateTimeType(),
          "When the first shift starts, in the schedule's time zone, such as 2026-01-05T09:00."),
      required("participants", new ListType(new ReferenceType(Kind.USER), 1, false),
          "Names of the users who take turns, in order."),
      optional("restrictions", new ListType(RESTRICTION, 0, false),
          "Windows the layer is limited to; outside them the layer has nobody on call."))
      .withRules(new OnlyWhen("shift_length", "rotation", "custom"));

  static final ObjectType SCHEDULE_OVERRIDE = object("schedule_override", "override", null,
      "Changes who is on call for a period: 'add' someone alongside, 'remove' someone, or both to replace 'remove'"
          + " by 'add' wherever 'remove' would be on call.",
      required("start", new LocalDateTimeType(), "When the override begins, in the schedule's time zone."),
      required("end", new LocalDateTimeType(), "When the override ends, in the schedule's time zone; after 'start'."),
      optional("add", new ReferenceType(Kind.USER), "Name of the user who comes on call."),
      optional("remove", new ReferenceType(Kind.USER), "Name of the user who goes off call."),
      optional("note", TEXT, "Why, for the people reading the schedule, such as 'swap for the dentist'."))
      .withRules(new ExactlyOneOf(List.of(List.of("add", "remove"))));

  static final ObjectType TEMPORARY_SHIFT = object("temporary_shift", "temporary shift", null,
      "One fixed shift of a temporary schedule.",
      required("start", new LocalDateTimeType(), "When the shift starts, in the schedule's time zone."),
      required("end", new LocalDateTimeType(), "When the shift ends, in the schedule's time zone; after 'start'."),
      required("users", new ListType(new ReferenceType(Kind.USER), 1, true), "Names of the users on call."));

  static final ObjectType TEMPORARY_SCHEDULE = object("temporary_schedule", "temporary schedule", null,
      "Fixed shifts that replace all layers of the schedule for a period, such as a holiday or a launch.",
      optional("name", TEXT, "A name for the period, such as 'winter holidays'."),
      required("start", new LocalDateTimeType(), "When the temporary schedule takes over, in the schedule's zone."),
      required("end", new LocalDateTimeType(), "When the layers take over again, in the schedule's zone."),
      optional("shifts", new ListType(TEMPORARY_SHIFT, 0, false),
          "The shifts, inside the period and not overlapping; the rest of the period has nobody on call."));

  static final ObjectType SCHEDULE = object("schedule", "schedule", Kind.SCHEDULE,
      "An on-call schedule: layers of rotations in one time zone.",
      required("name", NAME, "Unique name of the schedule: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the schedule covers."),
      required("time_zone", new TimeZoneType(), "IANA time zone the shifts are planned in, such as Europe/Berlin."),
      required("layers", new ListType(LAYER, 1, false), "Rotations, lowest priority first."),
      optional("overrides", new ListType(SCHEDULE_OVERRIDE, 0, false),
          "Changes of who is on call for a period, applied in order after the layers and temporary schedules."),
      optional("temporary", new ListType(TEMPORARY_SCHEDULE, 0, false),
          "Temporary schedules that replace the layers for a period; they must not overlap each other."));

  static final ObjectType TARGET = object("target", "target", null,
      "Who to page: exactly one of a user, whoever is on call in a schedule, or every member of a team.",
      optional("user", new ReferenceType(Kind.USER), "Name of a user to page."),
      optional("schedule", new ReferenceType(Kind.SCHEDULE), "Name of a schedule; whoever is on call then is paged."),
      optional("team", new ReferenceType(Kind.TEAM), "Name of a team; all its members are paged."))
      .withRules(new ExactlyOneOf(List.of(List.of("user"), List.of("schedule"), List.of("team"))));

  static final ObjectType ESCALATION_STEP = object("escalation_step", "escalation step", null,
      "Targets paged together.",
      required("delay", new DurationType(true),
          "How long to wait for an acknowledgement before the next step, such as 5m."),
      required("targets", new ListType(TARGET, 1, false), "Who this step pages."));

  static final ObjectType ESCALATION_POLICY = object("escalation_policy", "escalation policy", Kind.ESCALATION_POLICY,
      "Who to page, in which order, and how many times to go round.",
      required("name", NAME, "Unique name of the escalation policy: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "When the policy is used."),
      optional("repeat", new IntegerType(0L, 100L),
          "How many more times to go through all steps when nobody acknowledges; 0 (the default) goes through once."),
      optional("ack_timeout", new DurationType(true),
          "How long an acknowledged incident may stay unresolved before it pages again, such as 30m; never when absent."),
      required("steps", new ListType(ESCALATION_STEP, 1, false), "The steps, in order."));

  static final ObjectType CREDIT_TIER = object("credit_tier", "credit tier", null,
      "A service credit owed when availability falls below a threshold.",
      required("below", new NumberType(0.0, true, 100.0),
          "Availability in percent under which this credit is owed, such as 99.5."),
      required("credit_percent", new NumberType(0.0, false, 100.0), "Credit owed, in percent of the period's fee."));

  static final ObjectType CONTRACT = object("contract", "contract", null,
      "An SLA: the covered services must be available a percentage of each period, or credits are owed.",
      required("name", NON_BLANK, "Name of the contract, such as 'Enterprise API SLA'."),
      required("services", new ListType(new ReferenceType(Kind.SERVICE), 1, true),
          "Names of the services the contract covers."),
      required("availability", new NumberType(0.0, true, 100.0), "Promised availability in percent, such as 99.9."),
      required("period", enumOf(ContractPeriod.class),
          "Window availability is measured over: monthly, quarterly or yearly."),
      optional("credit_tiers", new ListType(CREDIT_TIER, 0, false), "Credits owed when availability is missed."));

  static final ObjectType CUSTOMER = object("customer", "customer", Kind.CUSTOMER,
      "An enterprise customer with paid contracts.",
      required("name", NON_BLANK, "Unique name of the customer; any text, such as 'Acme Rentals GmbH'."),
      optional("description", TEXT, "Notes about the customer."),
      optional("contacts", new ListType(new ReferenceType(Kind.USER), 0, true),
          "Names of the users who keep this customer informed during incidents."),
      required("contracts", new ListType(CONTRACT, 1, false), "The customer's SLAs."));

  static final ObjectType ROOT = object("catalog", "the file", null,
      "Vigil catalog (vigil.yaml): teams, users, services, integrations, on-call schedules, escalation policies"
          + " and customers.",
      required("version", new IntegerType(1L, 1L), "Version of the file format; must be 1."),
      optional("teams", list(TEAM), "Teams that own services."),
      optional("users", list(USER), "People who can be paged."),
      optional("services", list(SERVICE), "Services that can break, with their owners and dependencies."),
      optional("integrations", list(INTEGRATION), "Alert sources and where their alerts go."),
      optional("schedules", list(SCHEDULE), "On-call schedules."),
      optional("escalation_policies", list(ESCALATION_POLICY), "Who gets paged for a service, and in which order."),
      optional("customers", list(CUSTOMER), "Enterprise customers and their SLAs."));

  private CatalogSchema() {}

  /** The format as a JSON Schema (draft 2020-12), ending with a line break. */
  public static String jsonSchema() {
    return SpecMapper.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JsonSchemaGenerator.generate(ROOT))
        + "\n";
  }

  /** Writes the JSON Schema to {@code file}, creating its directory if needed. */
  public static void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, jsonSchema(), StandardCharsets.UTF_8);
  }

  /** Writes the JSON Schema to the path given, or to {@code docs/vigil.schema.json}. */
  public static void main(String[] args) throws IOException {
    Path target = args.length > 0 ? Path.of(args[0]) : DEFAULT_LOCATION;
    write(target);
    System.out.println("wrote " + target);
  }

  private static StringType string(String pattern, String hint) {
    return new StringType(pattern, hint, null, false);
  }

  private static StringType enumOf(Class<? extends Enum<?>> type) {
    return new StringType(null, null, SchemaType.yamlNames(type), false);
  }

  private static ListType list(SchemaType items) {
    return new ListType(items, 0, false);
  }

  private static Field required(String name, SchemaType type, String description) {
    return new Field(name, type, true, description);
  }

  private static Field optional(String name, SchemaType type, String description) {
    return new Field(name, type, false, description);
  }

  private static ObjectType object(String id, String label, Kind declares, String description, Field... fields) {
    return new ObjectType(id, label, description, declares, List.of(fields), List.of());
  }
}
