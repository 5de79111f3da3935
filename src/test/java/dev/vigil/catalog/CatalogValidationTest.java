package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of mistake, with the exact position and message it is reported at, and nothing else. */
class CatalogValidationTest {

  private static final Map<String, String> ENV = Map.of(
      "SHORT_KEY", "abc",
      "SYMBOL_KEY", "key with spaces and !!! long enough",
      "GOOD_KEY", "good-key_0123456789ABCDEF",
      "API_TOKEN", "t0k3n",
      "AM2_KEY", "am2-key-0123456789abcdefgh",
      "TIER", "2");

  private static final CatalogLoader LOADER = CatalogLoader.withEnvironment(ENV::get);

  private static LoadResult load(String yaml) {
    return LOADER.load("v.yaml", yaml);
  }

  private static List<String> errors(String yaml) {
    return load(yaml).errors().stream().map(Problem::format).toList();
  }

  private static List<String> warnings(String yaml) {
    return load(yaml).warnings().stream().map(Problem::format).toList();
  }

  @Test
  void unknownKeysSuggestTheClosestKnownOne() {
    assertThat(errors("""
        version: 1
        teams:
          - name: payments
            memberz: [ana]
            colour: blue
            slackChannel: "#pay"
        servics: []
        """)).containsExactly(
        "v.yaml:4:5: unknown key 'memberz' in team 'payments' (did you mean 'members'?)",
        "v.yaml:5:5: unknown key 'colour' in team 'payments'",
        "v.yaml:6:5: unknown key 'slackChannel' in team 'payments' (did you mean 'slack_channel'?)",
        "v.yaml:7:1: unknown key 'servics' in the file (did you mean 'services'?)");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
    assertThat(errors("""
        version: 1
        users: {name: ana}
        teams:
          - name: ops
            members: ana
        services:
          - name: api
            team: ops
            tier: abc
            depends_on: [[db]]
          - name: db
            team: ops
            tier: 2.5
            tags: [a]
            escalation_policy: {x: 1}
          - just text
        """)).containsExactly(
        "v.yaml:2:8: users: expected a list, got a mapping",
        "v.yaml:5:14: members: expected a list, got 'ana'",
        "v.yaml:9:11: tier: expected a number, got 'abc'",
        "v.yaml:10:18: depends_on: expected the name of a service, got a list",
        "v.yaml:13:11: tier: expected a whole number, got '2.5'",
        "v.yaml:14:11: tags: expected a mapping of names to values, got a list",
        "v.yaml:15:24: escalation_policy: expected the name of an escalation policy, got a mapping",
        "v.yaml:16:5: services: expected a mapping (service), got 'just text'");
  }

  @Test
  void theTopOfTheFileMustBeAMapping() {
    assertThat(errors("- version: 1\n")).containsExactly(
        "v.yaml:1:1: expected a mapping at the top of the file (version: 1, teams, services, ...), got a list");
  }

  @Test
  void missingRequiredFieldsPointAtTheObjectThatLacksThem() {
    assertThat(errors("""
        version: 1
        teams:
          - name: ops
        services:
          - name: api
            description: x
          - name: db
            team: ops
            tier:
          - team: ops
            tier: 3
        """)).containsExactly(
        "v.yaml:5:5: missing required field 'team' in service 'api'",
        "v.yaml:5:5: missing required field 'tier' in service 'api'",
        "v.yaml:9:5: required field 'tier' in service 'db' has no value",
        "v.yaml:10:5: missing required field 'name' in a service");
  }

  @Test
  void theVersionIsRequiredAndMustBeOne() {
    assertThat(errors("teams: []\n")).containsExactly("v.yaml:1:1: missing required field 'version' in the file");
    assertThat(errors("version: 2\n")).containsExactly("v.yaml:1:10: version must be 1, got '2'");
    assertThat(errors("version: one\n")).containsExactly("v.yaml:1:10: version: expected a number, got 'one'");
  }

  @Test
  void valuesOutOfRangeGiveTheRange() {
    assertThat(errors("""
        version: 1
        teams:
          - name: ops
        services:
          - name: a
            team: ops
            tier: 0
          - name: b
            team: ops
            tier: 5
        escalation_policies:
          - name: p
            repeat: -1
            steps: [{delay: 1m, targets: [{team: ops}]}]
        customers:
          - name: Acme
            contracts:
              - name: gold
                services: [a]
                availability: 0
                period: monthly
                credit_tiers:
                  - below: 0
                    credit_percent: 101
              - name: silver
                services: [b]
                availability: 100.5
                period: monthly
        """)).containsExactly(
        "v.yaml:7:11: tier must be between 1 and 4, got '0'",
        "v.yaml:10:11: tier must be between 1 and 4, got '5'",
        "v.yaml:13:13: repeat must be between 0 and 100, got '-1'",
        "v.yaml:20:23: availability must be greater than 0 and at most 100, got '0'",
        "v.yaml:23:20: below must be greater than 0 and at most 100, got '0'",
        "v.yaml:24:29: credit_percent must be between 0 and 100, got '101'",
        "v.yaml:27:23: availability must be greater than 0 and at most 100, got '100.5'");
  }

  @Test
  void invalidEnumValuesListTheAllowedOnes() {
    assertThat(errors("""
        version: 1
        teams:
          - name: ops
        users:
          - name: ana
            email: ana@example.com
            role: owner
            contact_methods:
              - type: emial
                address: ana@example.com
        services:
          - name: db
            team: ops
            tier: 3
            kind: database
          - name: api
            team: ops
            tier: 3
            kind: http_service
        integrations:
          - name: am
            type: alertmanger
            service: api
        schedules:
          - name: s
            time_zone: UTC
            layers:
              - rotation: fortnightly
                start: 2026-01-05T09:00
                participants: [ana]
        customers:
          - name: Acme
            contracts:
              - name: gold
                services: [api]
                availability: 99.9
                period: weekly
        """)).containsExactly(
        "v.yaml:7:11: invalid role 'owner'; expected one of: admin, responder, viewer",
        "v.yaml:9:15: invalid type 'emial' (did you mean 'email'?); expected one of: email, sms, voice, slack, teams,"
            + " webhook",
        "v.yaml:15:11: invalid kind 'database'; expected one of: http-service, gateway, postgres, elasticsearch, redis,"
            + " worker, web, kubernetes-node, external",
        "v.yaml:19:11: invalid kind 'http_service' (did you mean 'http-service'?); expected one of: http-service,"
            + " gateway, postgres, elasticsearch, redis, worker, web, kubernetes-node, external",
        "v.yaml:22:11: invalid type 'alertmanger' (did you mean 'alertmanager'?); expected one of: alertmanager,"
            + " grafana, pagerduty, events",
        "v.yaml:28:19: invalid rotation 'fortnightly'; expected one of: hourly, daily, weekly, custom",
        "v.yaml:37:17: invalid period 'weekly'; expected one of: monthly, quarterly, yearly");
  }

  @Test
  void duplicatesPointAtTheSecondAndNameTheLineOfTheFirst() {
    assertThat(errors("""
        version: 1
        teams:
          - name: ops
          - name: web
          - name: ops
        services:
          - name: api
            team: ops
            tier: 3
            tier: 4
          - name: api
            team: web
            tier: 3
        customers:
          - name: Acme Inc
            contracts: [{name: a, services: [api, api], availability: 99, period: monthly}]
          - name: Acme Inc
            contracts: [{name: a, services: [api], availability: 99, period: monthly}]
        """)).containsExactly(
        "v.yaml:5:11: duplicate team name 'ops' (first declared at line 3)",
        "v.yaml:10:5: duplicate key 'tier' in service 'api' (first at line 9)",
        "v.yaml:11:11: duplicate service name 'api' (first declared at line 7)",
        "v.yaml:16:43: duplicate entry 'api' in services (first at line 16)",
        "v.yaml:17:11: duplicate customer name 'Acme Inc' (first declared at line 15)");
  }

  @Test
  void everyKindOfReferenceMustNameSomethingDeclared() {
    assertThat(errors("""
        version: 1
        teams:
          - name: ops
            members: [ana, zoe]
        users:
          - name: ana
            email: ana@example.com
        services:
          - name: api
            team: opz
            tier: 3
            depends_on: [dbb]
            escalation_policy: pager
        integrations:
          - name: one
            type: events
            service: apx
          - name: two
            type: alertmanager
            routing:
              - match: {team: a}
                service: nope
            default_service: gone
        schedules:
          - name: primary
            time_zone: UTC
            layers:
              - rotation: weekly
                start: 2026-01-05T09:00
                participants: [ana, bob]
        escalation_policies:
          - name: primary
            steps:
              - delay: 5m
                targets:
                  - user: carl
                  - schedule: secondary
                  - team: dev
        customers:
          - name: Acme
            contacts: [dan]
            contracts:
              - name: gold
                services: [api, nope]
                availability: 99
                period: monthly
        """)).containsExactly(
        "v.yaml:4:20: undefined user 'zoe'; declare it under users",
        "v.yaml:10:11: undefined team 'opz' (did you mean 'ops'?)",
        "v.yaml:12:18: undefined service 'dbb'; declare it under services",
        "v.yaml:13:24: undefined escalation policy 'pager'; declare it under escalation_policies",
        "v.yaml:17:14: undefined service 'apx' (did you mean 'api'?)",
        "v.yaml:22:18: undefined service 'nope'; declare it under services",
        "v.yaml:23:22: undefined service 'gone'; declare it under services",
        "v.yaml:30:29: undefined user 'bob'; declare it under users",
        "v.yaml:36:19: undefined user 'carl'; declare it under users",
        "v.yaml:37:23: undefined schedule 'secondary'; declare it under schedules",
        "v.yaml:38:19: undefined team 'dev'; declare it under teams",
        "v.yaml:41:16: undefined user 'dan'; declare it under users",
        "v.yaml:44:25: undefined service 'nope'; declare it under services");
  }

  @Test
  void referencesMayPointFurtherDownTheFile() {
    assertThat(errors("""
        version: 1
        services:
          - name: api
            team: ops
            tier: 3
            depends_on: [db]
          - name: db
            team: ops
            tier: 3
        teams:
          - name: ops
        """)).isEmpty();
  }

  @Test
  void dependencyCyclesAreReportedWithTheirPath() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        services:
          - name: a
            team: ops
            tier: 3
            depends_on: [b]
          - name: b
            team: ops
            tier: 3
            depends_on: [c]
          - name: c
            team: ops
            tier: 3
            depends_on: [a]
          - name: d
            team: ops
            tier: 3
            depends_on: [d, e]
          - name: e
            team: ops
            tier: 3
            depends_on: [d]
        """)).containsExactly(
        "v.yaml:15:18: dependency cycle: a -> b -> c -> a",
        "v.yaml:19:18: service 'd' depends on itself",
        "v.yaml:23:18: dependency cycle: d -> e -> d");
  }

  @Test
  void aLongChainOfDependenciesIsNoProblem() {
    StringBuilder yaml = new StringBuilder("version: 1\nteams: [{name: ops}]\nservices:\n");
    for (int i = 0; i < 5000; i++) {
      yaml.append("  - {name: s").append(i).append(", team: ops, tier: 4")
          .append(i > 0 ? ", depends_on: [s" + (i - 1) + "]" : "").append("}\n");
    }

    assertThat(errors(yaml.toString())).isEmpty();
    assertThat(errors(yaml + "  - {name: loop, team: ops, tier: 4, depends_on: [s4999]}\n"
        .replace("[s4999]", "[s4999, loop]"))).containsExactly("v.yaml:5004:58: service 'loop' depends on itself");
  }

  @Test
  void timeZonesAndDurationsAreChecked() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        users:
          - name: ana
            email: ana@example.com
            time_zone: Europe/Berln
        services:
          - name: api
            team: ops
            tier: 3
            rto: 5 minutes
            rpo: 90
          - name: db
            team: ops
            tier: 3
            rto: 0s
            rpo: 0s
        schedules:
          - name: s
            time_zone: Mars/Olympus
            layers:
              - rotation: custom
                shift_length: PT0S
                start: 2026-01-05T09:00
                participants: [ana]
        escalation_policies:
          - name: p
            ack_timeout: 1y
            steps:
              - delay: 1h70
                targets: [{user: ana}]
        """)).containsExactly(
        "v.yaml:6:16: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?); use an IANA name such as"
            + " Europe/Berlin",
        "v.yaml:11:10: rto: '5 minutes' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M",
        "v.yaml:12:10: rpo: '90' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M",
        "v.yaml:16:10: rto must be longer than zero, got '0s'",
        "v.yaml:20:16: unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin",
        "v.yaml:23:23: shift_length must be longer than zero, got 'PT0S'",
        "v.yaml:28:18: ack_timeout: '1y' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M",
        "v.yaml:30:16: delay: '1h70' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M");
  }

  @Test
  void aTargetSetsExactlyOneOfUserScheduleOrTeam() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        users: [{name: ana, email: ana@example.com}]
        escalation_policies:
          - name: p
            steps:
              - delay: 5m
                targets:
                  - {}
                  - user: ana
                    team: ops
              - delay: 5m
                targets: []
          - name: q
        """)).containsExactly(
        "v.yaml:9:13: a target must set one of 'user', 'schedule' or 'team'",
        "v.yaml:10:13: a target sets 'user' and 'team'; set only one of 'user', 'schedule' or 'team'",
        "v.yaml:13:18: targets must list at least 1 entry",
        "v.yaml:14:5: missing required field 'steps' in escalation policy 'q'");
  }

  @Test
  void anIntegrationRoutesToOneServiceOrByRulesNotBoth() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 3}]
        integrations:
          - name: both
            type: events
            service: api
            routing: [{match: {a: b}, service: api}]
          - name: neither
            type: grafana
          - name: default-only
            type: grafana
            default_service: api
          - name: also-both
            type: pagerduty
            service: api
            default_service: api
          - name: empty-match
            type: alertmanager
            routing:
              - match: {}
                service: api
            default_service: api
        """)).containsExactly(
        "v.yaml:5:5: integration 'both' sets 'service' and 'routing'; set only one of 'service' or"
            + " 'routing'/'default_service'",
        "v.yaml:9:5: integration 'neither' must set one of 'service' or 'routing'/'default_service'",
        "v.yaml:14:5: integration 'also-both' sets 'service' and 'default_service'; set only one of 'service' or"
            + " 'routing'/'default_service'",
        "v.yaml:21:16: match must have at least 1 entry");
  }

  @Test
  void onlyCustomRotationsHaveAShiftLength() {
    assertThat(errors("""
        version: 1
        users: [{name: ana, email: ana@example.com}]
        schedules:
          - name: s
            time_zone: UTC
            layers:
              - rotation: custom
                start: 2026-01-05T09:00
                participants: [ana]
              - name: days
                rotation: weekly
                shift_length: 12h
                start: 2026-01-05T09:00
                participants: [ana]
              - rotation: custom
                shift_length: 8h
                start: 2026-01-05T09:00
                participants: [ana]
        """)).containsExactly(
        "v.yaml:7:9: missing required field 'shift_length' in a layer (required when rotation is custom)",
        "v.yaml:12:9: 'shift_length' is only allowed when rotation is custom, not weekly");
  }

  @Test
  void layerStartsAndRestrictionsAreChecked() {
    assertThat(errors("""
        version: 1
        users: [{name: ana, email: ana@example.com}]
        schedules:
          - name: s
            time_zone: UTC
            layers:
              - rotation: daily
                start: 2026-01-05 09:00
                participants: [ana]
              - rotation: daily
                start: 2026-02-30T09:00
                participants: []
                restrictions:
                  - days: [mon, funday]
                    from: "25:00"
                    to: 9am
                  - from: "08:00"
                    to: "08:00"
                  - days: []
        """)).containsExactly(
        "v.yaml:8:16: start: expected a local date and time like 2026-01-05T09:00, got '2026-01-05 09:00'",
        "v.yaml:11:16: start: expected a local date and time like 2026-01-05T09:00, got '2026-02-30T09:00'",
        "v.yaml:12:23: participants must list at least 1 entry",
        "v.yaml:14:25: invalid days 'funday'; expected one of: mon, tue, wed, thu, fri, sat, sun",
        "v.yaml:15:19: from: expected a time of day HH:MM (24-hour clock), got '25:00'",
        "v.yaml:16:17: to: expected a time of day HH:MM (24-hour clock), got '9am'",
        "v.yaml:18:17: restriction from 08:00 to 08:00 is an empty window; 'to' must differ from 'from'",
        "v.yaml:19:13: missing required field 'from' in a restriction",
        "v.yaml:19:13: missing required field 'to' in a restriction",
        "v.yaml:19:19: days must list at least 1 entry");
  }

  @Test
  void overridesAndTemporarySchedulesAreChecked() {
    assertThat(errors("""
        version: 1
        users: [{name: ana, email: ana@example.com}, {name: ben, email: ben@example.com}]
        schedules:
          - name: s
            time_zone: UTC
            layers:
              - rotation: custom
                shift_length: 30s
                start: 2026-01-05T09:00
                participants: [ana]
            overrides:
              - start: 2026-02-01T09:00
                end: 2026-02-01T08:00
                add: ana
              - start: 2026-02-01T09:00
                end: 2026-02-02T09:00
              - start: 2026-02-01T09:00
                end: 2026-02-02T09:00
                add: ben
                remove: ben
              - start: 2026-02-01T09:00
                end: 2026-02-02T09:00
                add: zed
            temporary:
              - start: 2026-03-01T00:00
                end: 2026-03-05T00:00
                shifts:
                  - start: 2026-02-28T00:00
                    end: 2026-03-01T12:00
                    users: [ana]
                  - start: 2026-03-02T00:00
                    end: 2026-03-03T00:00
                    users: [ben]
                  - start: 2026-03-02T12:00
                    end: 2026-03-04T00:00
                    users: [ana]
              - start: 2026-03-04T00:00
                end: 2026-03-06T00:00
        """)).containsExactly(
        "v.yaml:8:23: shift_length 30s is shorter than 1m",
        "v.yaml:13:14: override ends at 2026-02-01T08:00, not after its start 2026-02-01T09:00",
        "v.yaml:15:9: an override must set one of 'add'/'remove'",
        "v.yaml:20:17: override adds and removes 'ben'; to replace someone, 'add' and 'remove' name two different"
            + " users",
        "v.yaml:23:14: undefined user 'zed'; declare it under users",
        "v.yaml:28:13: shift from 2026-02-28T00:00 to 2026-03-01T12:00 lies outside its temporary schedule"
            + " (2026-03-01T00:00 to 2026-03-05T00:00)",
        "v.yaml:34:13: shift from 2026-03-02T12:00 starts before the previous shift ends (2026-03-03T00:00); list"
            + " shifts in order without overlaps",
        "v.yaml:37:9: temporary schedule from 2026-03-04T00:00 to 2026-03-06T00:00 overlaps the one from"
            + " 2026-03-01T00:00 to 2026-03-05T00:00; temporary schedules must not overlap");
  }

  @Test
  void namesAreLowercaseWordsExceptForCustomers() {
    assertThat(errors("""
        version: 1
        teams:
          - name: Payments
          - name: data_eng
          - name: -ops
          - name: ""
          - name: ok-team-2
        services: [{name: api, team: ok-team-2, tier: 4}]
        customers:
          - name: Globex Corp. (EU)
            contracts: [{name: Gold SLA, services: [api], availability: 99, period: monthly}]
          - name: " "
            contracts: [{name: Basic, services: [api], availability: 99, period: monthly}]
        """)).containsExactly(
        "v.yaml:3:11: invalid name 'Payments': use lowercase letters, digits and hyphens, such as payment-api",
        "v.yaml:4:11: invalid name 'data_eng': use lowercase letters, digits and hyphens, such as payment-api",
        "v.yaml:5:11: invalid name '-ops': use lowercase letters, digits and hyphens, such as payment-api",
        "v.yaml:6:11: invalid name '': use lowercase letters, digits and hyphens, such as payment-api",
        "v.yaml:12:11: invalid name ' ': must not be empty");
  }

  @Test
  void emailsAndContactAddressesMustFitTheirChannel() {
    assertThat(errors("""
        version: 1
        users:
          - name: ana
            email: ana.example.com
            contact_methods:
              - {type: email, address: "ana@"}
              - {type: sms, address: "0151 1234"}
              - {type: voice, address: "+4915112345678"}
              - {type: webhook, address: "ftp://x"}
              - {type: slack, address: "U123"}
              - {type: teams, address: ""}
        """)).containsExactly(
        "v.yaml:4:12: invalid email 'ana.example.com': expected an email address such as ana@example.com",
        "v.yaml:6:32: address 'ana@' is not an email address (contact method type email)",
        "v.yaml:7:30: address '0151 1234' is not a phone number in E.164 form, such as +4915112345678 (contact method"
            + " type sms)",
        "v.yaml:9:34: address 'ftp://x' is not an http:// or https:// URL (contact method type webhook)",
        "v.yaml:11:32: invalid address '': must not be empty");
  }

  @Test
  void integrationKeysAreLongUniqueAndNeverShownInMessages() {
    LoadResult result = load("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 3}]
        integrations:
          - name: short
            type: events
            service: api
            key: ${SHORT_KEY}
          - name: symbols
            type: events
            service: api
            key: ${SYMBOL_KEY}
          - name: first
            type: events
            service: api
            key: ${GOOD_KEY}
          - name: second
            type: events
            service: api
            key: ${GOOD_KEY}
        """);

    assertThat(result.problems()).extracting(Problem::format).containsExactly(
        "v.yaml:8:10: invalid key (not shown, it is a secret): a key is at least 20 characters of A-Z, a-z, 0-9, '_'"
            + " and '-'",
        "v.yaml:12:10: invalid key (not shown, it is a secret): a key is at least 20 characters of A-Z, a-z, 0-9,"
            + " '_' and '-'",
        "v.yaml:20:10: integration key already used by integration 'first' (line 16); each integration needs its"
            + " own key");
    assertThat(result.problems()).noneMatch(p -> p.message().contains(ENV.get("SYMBOL_KEY"))
        || p.message().contains(ENV.get("GOOD_KEY")) || p.message().contains("abc"));
  }

  @Test
  void literalSecretsAreWarnedAboutButDoNotFailTheFile() {
    LoadResult result = load("""
        version: 1
        teams: [{name: ops}]
        services:
          - name: api
            team: ops
            tier: 3
            tags:
              db_password: hunter2
              api_token: ${API_TOKEN}
              client-secret: ""
        integrations:
          - name: am
            type: alertmanager
            service: api
            key: literal-key-0123456789abcdef
          - name: am2
            type: alertmanager
            service: api
            key: ${AM2_KEY}
        """);

    assertThat(result.ok()).isTrue();
    assertThat(result.catalog()).isNotNull();
    assertThat(result.warnings()).extracting(Problem::format).containsExactly(
        "v.yaml:8:20: warning: literal secret in the file; use ${ENV_VAR} or ${file:/path} so it stays out of Git",
        "v.yaml:15:10: warning: literal secret in the file; use ${ENV_VAR} or ${file:/path} so it stays out of Git");
  }

  @Test
  void criticalServicesWithoutAnEscalationPolicyAreWarnedAbout() {
    assertThat(warnings("""
        version: 1
        teams: [{name: ops}]
        escalation_policies: [{name: p, steps: [{delay: 5m, targets: [{team: ops}]}]}]
        services:
          - {name: one, team: ops, tier: 1}
          - {name: two, team: ops, tier: 2}
          - {name: three, team: ops, tier: 3}
          - {name: paged, team: ops, tier: 1, escalation_policy: p}
        """)).containsExactly(
        "v.yaml:5:5: warning: tier-1 service 'one' has no escalation_policy; nobody would be paged when it fails",
        "v.yaml:6:5: warning: tier-2 service 'two' has no escalation_policy; nobody would be paged when it fails");
  }

  @Test
  void routingWithoutADefaultServiceIsWarnedAbout() {
    assertThat(warnings("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 3}]
        integrations:
          - name: am
            type: alertmanager
            routing: [{match: {team: ops}, service: api}]
        """)).containsExactly(
        "v.yaml:5:5: warning: integration 'am' has no default_service; alerts that match no routing rule reach no"
            + " service");
  }

  @Test
  void creditTiersMustBeBelowThePromisedAvailability() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        services: [{name: api, team: ops, tier: 3}]
        customers:
          - name: Acme
            contracts:
              - name: gold
                services: [api]
                availability: 99.9
                period: monthly
                credit_tiers:
                  - {below: 99.9, credit_percent: 10}
                  - {below: 99.95, credit_percent: 5}
        """)).containsExactly(
        "v.yaml:13:21: credit tier below 99.95 is above the contract's availability of 99.9; a credit is owed only"
            + " when availability falls short of the promise");
  }

  @Test
  void interpolatedValuesAreCheckedAfterInterpolationAndFailuresDoNotCascade() {
    LoadResult result = load("""
        version: 1
        teams: [{name: ops}]
        services:
          - name: api
            team: ops
            tier: ${TIER}
            escalation_policy: p
          - name: db
            team: ops
            tier: ${NOT_SET}
          - name: cache
            team: ops
            tier: ${TIER:-3}0
        escalation_policies: [{name: p, steps: [{delay: 5m, targets: [{team: ops}]}]}]
        """);

    assertThat(result.errors()).extracting(Problem::format).containsExactly(
        "v.yaml:10:11: environment variable NOT_SET is not set (give a default with ${NOT_SET:-value})",
        "v.yaml:13:11: tier must be between 1 and 4, got '${TIER:-3}0' (after interpolation)");
  }

  @Test
  void contentSharedThroughAnAliasIsReportedOnce() {
    assertThat(errors("""
        version: 1
        teams: [{name: ops}]
        services:
          - &base {name: a, team: ops, tier: 9}
          - <<: *base
            name: b
        """)).containsExactly("v.yaml:4:38: tier must be between 1 and 4, got '9'");
  }

  @Test
  void fiftyMistakesGiveFiftyMessages() {
    // Each mistake with a fragment of the one message it must cause.
    List<List<String>> mistakes = List.of(
        List.of("tierr: 3", "unknown key 'tierr' in service 's%d' (did you mean 'tier'?)"),
        List.of("rto: soon", "rto: 'soon' is not a duration"),
        List.of("kind: mainframe", "invalid kind 'mainframe'"),
        List.of("depends_on: [ghost-%d]", "undefined service 'ghost-%d'"),
        List.of("runbook_url: wiki/page-%d", "invalid runbook_url 'wiki/page-%d'"),
        List.of("rpo: -5m", "rpo: '-5m' is not a duration"),
        List.of("tags: [x]", "tags: expected a mapping of names to values, got a list"),
        List.of("description: {a: b}", "description: expected text, got a mapping"),
        List.of("depends_on: s%d", "depends_on: expected a list, got 's%d'"),
        List.of("team: ops", "duplicate key 'team' in service 's%d'"));
    StringBuilder yaml = new StringBuilder("""
        version: 1
        teams: [{name: ops}]
        escalation_policies: [{name: p, steps: [{delay: 5m, targets: [{team: ops}]}]}]
        services:
        """);
    for (int i = 0; i < 50; i++) {
      yaml.append("  - name: s").append(i).append('\n')
          .append("    team: ops\n")
          .append("    tier: 3\n")
          .append("    escalation_policy: p\n")
          .append("    ").append(mistakes.get(i % mistakes.size()).getFirst().formatted(i)).append('\n');
    }

    List<Problem> errors = load(yaml.toString()).errors();

    assertThat(errors).hasSize(50);
    for (int i = 0; i < 50; i++) {
      Problem error = errors.get(i);
      assertThat(error.line()).as("line of mistake %d", i).isEqualTo(5 + 5 * i + 4);
      assertThat(error.message()).contains(mistakes.get(i % mistakes.size()).getLast().formatted(i));
    }
    assertThat(new HashSet<>(errors)).hasSize(50);
  }

  @Test
  void theIncidentPolicyNamesItsSeveritiesOnceAndRefersOnlyToThem() {
    List<String> errors = errors("""
        version: 1
        teams: [{name: ops}]
        users: [{name: ana, email: ana@example.com}]
        services: [{name: api, team: ops, tier: 3, subscribers: [ana, bob], impact: {user_share: 140}}]
        incident_policy:
          severities:
            - name: P1
              status_update_template: "{{title}} is {{state}}"
            - name: P1
            - name: P 2
            - name: P3
              paging: sometimes
          rules:
            - name: wide
              severity: P4
              alert_severities: [fatal]
            - name: nothing
          default_severity: SEV3
          holidays: ["2026-02-30", "25.12.2026"]
        """);
    assertThat(errors).containsExactly(
        "v.yaml:4:63: undefined user 'bob'; declare it under users",
        "v.yaml:4:90: user_share must be between 0 and 100, got '140'",
        "v.yaml:8:31: unknown placeholder {{state}} in status_update_template; known are id, title, severity,"
            + " status, service, impact, customers, message, url, started_at, author",
        "v.yaml:9:13: severity 'P1' is declared twice (first at line 7)",
        "v.yaml:10:13: invalid name 'P 2': use letters, digits, '-' and '_', such as SEV1 or P1",
        "v.yaml:12:15: invalid paging 'sometimes'; expected one of: always, business-hours, never",
        "v.yaml:15:17: undefined severity 'P4' (did you mean 'P1'?); the policy's severities are P1, P 2, P3",
        "v.yaml:16:26: invalid alert_severities 'fatal'; expected one of: critical, error, warning, info",
        "v.yaml:17:7: missing required field 'severity' in severity rule 'nothing'",
        "v.yaml:18:21: undefined severity 'SEV3'; the policy's severities are P1, P 2, P3",
        "v.yaml:19:14: holiday '2026-02-30' is not a date in the calendar",
        "v.yaml:19:28: invalid holidays '25.12.2026': expected a date such as 2026-12-25");
  }

  @Test
  void withoutDeclaredSeveritiesRulesReferToTheBuiltInOnes() {
    assertThat(errors("""
        version: 1
        incident_policy:
          rules:
            - {name: a, severity: SEV1}
            - {name: b, severity: SEV5}
          postmortem_due_days: 0
        """)).containsExactly(
        "v.yaml:5:27: undefined severity 'SEV5' (did you mean 'SEV1'?); the policy's severities are SEV1, SEV2,"
            + " SEV3, SEV4",
        "v.yaml:6:24: postmortem_due_days must be between 1 and 100, got '0'");
  }
}
