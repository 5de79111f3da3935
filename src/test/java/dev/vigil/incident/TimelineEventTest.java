package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each timeline event is stored as the detail its kind has always had: same keys, same value shapes, nulls kept or
 * left out as before, so stored rows and the API's timeline read the same.
 */
class TimelineEventTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One event of every kind, with the detail JSON stored for it. */
  private static final Map<TimelineEvent, String> STORED = Map.ofEntries(
      Map.entry(new TimelineEvent.Triggered("prom", "high", "disk full", "SEV2", null),
          "{\"integration\":\"prom\",\"urgency\":\"high\",\"summary\":\"disk full\",\"severity\":\"SEV2\"}"),
      Map.entry(new TimelineEvent.Triggered(null, null, "split part", null, 7L),
          "{\"splitFrom\":7,\"summary\":\"split part\"}"),
      Map.entry(new TimelineEvent.AlertAdded("fp", "disk full", "critical"),
          "{\"fingerprint\":\"fp\",\"summary\":\"disk full\",\"severity\":\"critical\"}"),
      Map.entry(new TimelineEvent.AlertResolved("fp", null, null),
          "{\"fingerprint\":\"fp\",\"summary\":null,\"severity\":null}"),
      Map.entry(new TimelineEvent.Reopened("fp", "disk full"), "{\"fingerprint\":\"fp\",\"summary\":\"disk full\"}"),
      Map.entry(new TimelineEvent.Acknowledged(null), "{}"),
      Map.entry(new TimelineEvent.Acknowledged("split from an incident being worked on"),
          "{\"reason\":\"split from an incident being worked on\"}"),
      Map.entry(new TimelineEvent.Resolved(null), "{}"),
      Map.entry(new TimelineEvent.Resolved("all alerts resolved"), "{\"reason\":\"all alerts resolved\"}"),
      Map.entry(TimelineEvent.Escalated.because("escalated by hand"), "{\"reason\":\"escalated by hand\"}"),
      Map.entry(new TimelineEvent.Escalated(null, null, null, "low urgency", "2026-03-06T09:00:00Z", null, null),
          "{\"reason\":\"low urgency\",\"at\":\"2026-03-06T09:00:00Z\"}"),
      Map.entry(TimelineEvent.Escalated.paged("ops", 2, 1, null, List.of("ann"), List.of()),
          "{\"policy\":\"ops\",\"step\":2,\"round\":1,\"paged\":[\"ann\"]}"),
      Map.entry(TimelineEvent.Escalated.paged("ops", "management", null, "past the RTO of db", List.of(),
              List.of("nights")),
          "{\"policy\":\"ops\",\"step\":\"management\",\"reason\":\"past the RTO of db\",\"paged\":[],"
              + "\"nobodyOnCall\":[\"nights\"]}"),
      Map.entry(new TimelineEvent.Note("looking"), "{\"text\":\"looking\"}"),
      Map.entry(new TimelineEvent.NotificationQueued("ann", 3, null), "{\"user\":\"ann\",\"notification\":3}"),
      Map.entry(new TimelineEvent.NotificationQueued("ann", 3, "status_update"),
          "{\"user\":\"ann\",\"notification\":3,\"kind\":\"status_update\"}"),
      Map.entry(new TimelineEvent.NotificationHeld("ann", 3, "2026-03-06T09:00:00Z", "held by sms until 09:00"),
          "{\"user\":\"ann\",\"notification\":3,\"until\":\"2026-03-06T09:00:00Z\","
              + "\"reason\":\"held by sms until 09:00\"}"),
      Map.entry(new TimelineEvent.NotificationSent("ann", 3, null, null), "{\"user\":\"ann\",\"notification\":3}"),
      Map.entry(new TimelineEvent.NotificationSent("ann", 3, 2, null),
          "{\"user\":\"ann\",\"notification\":3,\"bundled\":2}"),
      Map.entry(new TimelineEvent.NotificationSent("ann", 4, null, 3L),
          "{\"user\":\"ann\",\"notification\":4,\"bundledInto\":3}"),
      Map.entry(new TimelineEvent.NotificationDelivered("ann", 3), "{\"user\":\"ann\",\"notification\":3}"),
      Map.entry(new TimelineEvent.NotificationFailed("ann", null, "no such user", null),
          "{\"user\":\"ann\",\"error\":\"no such user\"}"),
      Map.entry(new TimelineEvent.NotificationFailed("ann", 3L, null, 5),
          "{\"user\":\"ann\",\"notification\":3,\"error\":null,\"attempt\":5}"),
      Map.entry(new TimelineEvent.Mitigated(), "{}"),
      Map.entry(new TimelineEvent.SeveritySet("SEV2", "split from #7"),
          "{\"severity\":\"SEV2\",\"rule\":\"split from #7\"}"),
      Map.entry(new TimelineEvent.SeverityChanged(null, "SEV1", "worse"),
          "{\"from\":null,\"to\":\"SEV1\",\"reason\":\"worse\"}"),
      Map.entry(new TimelineEvent.RoleAssigned("commander", "ann", null), "{\"role\":\"commander\",\"user\":\"ann\"}"),
      Map.entry(new TimelineEvent.RoleAssigned("commander", "ann", "bob"),
          "{\"role\":\"commander\",\"user\":\"ann\",\"previous\":\"bob\"}"),
      Map.entry(new TimelineEvent.RoleRemoved("commander", "ann"), "{\"role\":\"commander\",\"user\":\"ann\"}"),
      Map.entry(new TimelineEvent.HandedOver("bob", List.of("ann")), "{\"to\":\"bob\",\"from\":[\"ann\"]}"),
      Map.entry(new TimelineEvent.RespondersRequested(List.of(Map.of("team", "db")), null),
          "{\"targets\":[{\"team\":\"db\"}]}"),
      Map.entry(new TimelineEvent.RespondersRequested(List.of(Map.of("user", "ann")), "help"),
          "{\"targets\":[{\"user\":\"ann\"}],\"message\":\"help\"}"),
      Map.entry(new TimelineEvent.DownstreamImpact("web", 9), "{\"service\":\"web\",\"alert\":9}"),
      Map.entry(new TimelineEvent.Merged(8L, null, null, null), "{\"into\":8}"),
      Map.entry(new TimelineEvent.Merged(null, 7L, 2, "db"), "{\"from\":7,\"alerts\":2,\"service\":\"db\"}"),
      Map.entry(new TimelineEvent.Split(7L, null, List.of(1L, 2L)), "{\"from\":7,\"alerts\":[1,2]}"),
      Map.entry(new TimelineEvent.Split(null, 8L, List.of(1L)), "{\"into\":8,\"alerts\":[1]}"),
      Map.entry(new TimelineEvent.StatusUpdate(5, "fixed", List.of("ann")),
          "{\"statusUpdate\":5,\"message\":\"fixed\",\"recipients\":[\"ann\"]}"),
      Map.entry(new TimelineEvent.RtoBreached("PT1H", "db", "2026-03-06T09:00:00Z"),
          "{\"rto\":\"PT1H\",\"service\":\"db\",\"openedAt\":\"2026-03-06T09:00:00Z\"}"),
      Map.entry(new TimelineEvent.PostmortemRequired(null, "2026-03-10T00:00:00Z", null),
          "{\"severity\":null,\"dueAt\":\"2026-03-10T00:00:00Z\"}"),
      Map.entry(new TimelineEvent.PostmortemRequired("SEV1", "2026-03-10T00:00:00Z", "ann"),
          "{\"severity\":\"SEV1\",\"dueAt\":\"2026-03-10T00:00:00Z\",\"owner\":\"ann\"}"),
      Map.entry(new TimelineEvent.PostmortemUpdated(List.of("summary"), "draft"),
          "{\"fields\":[\"summary\"],\"status\":\"draft\"}"),
      Map.entry(new TimelineEvent.PostmortemReminder(1, List.of("ann")), "{\"reminder\":1,\"recipients\":[\"ann\"]}"),
      Map.entry(new TimelineEvent.ActionItemAdded(4, "add disk", null), "{\"actionItem\":4,\"title\":\"add disk\"}"),
      Map.entry(new TimelineEvent.ActionItemAdded(4, "add disk", "ann"),
          "{\"actionItem\":4,\"title\":\"add disk\",\"owner\":\"ann\"}"),
      Map.entry(new TimelineEvent.ActionItemUpdated(4, "done"), "{\"actionItem\":4,\"status\":\"done\"}"),
      Map.entry(new TimelineEvent.ActionItemDeleted(4, "add disk"), "{\"actionItem\":4,\"title\":\"add disk\"}"),
      Map.entry(new TimelineEvent.ActionItemReminder(4, 2, List.of("ann")),
          "{\"actionItem\":4,\"reminder\":2,\"recipients\":[\"ann\"]}"),
      Map.entry(new TimelineEvent.ChangeMarked("api-42", "api 1.4.2", "cause"),
          "{\"change\":\"api-42\",\"summary\":\"api 1.4.2\",\"verdict\":\"cause\"}"),
      Map.entry(new TimelineEvent.ChangeLinked("api-43", "api 1.4.1", "api-42"),
          "{\"change\":\"api-43\",\"summary\":\"api 1.4.1\",\"rollbackOf\":\"api-42\"}"));

  @Test
  void everyEventIsStoredAsTheDetailItsKindHasAlwaysHad() {
    STORED.forEach((event, stored) -> assertThat(JSON.readTree(JSON.writeValueAsString(event)))
        .as(event.toString()).isEqualTo(JSON.readTree(stored)));
  }

  @Test
  void everyStoredDetailReadsBackAsItsEvent() {
    STORED.forEach((event, stored) -> assertThat(JSON.readValue(stored, event.kind().type()))
        .as(stored).isEqualTo(event));
  }

  @Test
  void everyKindHasAnEvent() {
    Set<Timeline.Kind> kinds = STORED.keySet().stream().map(TimelineEvent::kind).collect(Collectors.toSet());
    assertThat(kinds).isEqualTo(EnumSet.copyOf(Arrays.asList(Timeline.Kind.values())));
  }
}
