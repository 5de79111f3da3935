package dev.vigil.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What one timeline event says, one record per {@link Timeline.Kind}; each is stored as its fields' JSON, where a
 * field left null is omitted unless marked to be kept as null (the stored rows have always been written that way).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface TimelineEvent {

  /** The kind this event is stored as. */
  @JsonIgnore
  default Timeline.Kind kind() {
    return Timeline.Kind.of(this);
  }

  /** An incident opened by an alert (with its integration) or split off another ({@code splitFrom}). */
  record Triggered(String integration, String urgency, String summary, String severity, Long splitFrom)
      implements TimelineEvent {}

  /** An alert that fired into the incident; what it said is kept even when the sender left it out. */
  record AlertAdded(@JsonInclude String fingerprint, @JsonInclude String summary, @JsonInclude String severity)
      implements TimelineEvent {}

  /** An alert that stopped firing, as it fired. */
  record AlertResolved(@JsonInclude String fingerprint, @JsonInclude String summary, @JsonInclude String severity)
      implements TimelineEvent {}

  /** A resolved incident that its alert opened again. */
  record Reopened(String fingerprint, String summary) implements TimelineEvent {}

  /** Someone took the incident on; {@code reason} when Vigil did it for them. */
  record Acknowledged(String reason) implements TimelineEvent {}

  /** The incident is over; {@code reason} when Vigil resolved it. */
  record Resolved(String reason) implements TimelineEvent {}

  /**
   * What the escalation did: who a step paged ({@code step} is its number, or "management"), or why it paged
   * nobody; {@code nobodyOnCall} names the schedules that had nobody on call, when some had.
   */
  record Escalated(String policy, Object step, Integer round, String reason, String at, List<String> paged,
      List<String> nobodyOnCall) implements TimelineEvent {

    /** The escalation paged nobody, and why. */
    public static Escalated because(String reason) {
      return new Escalated(null, null, null, reason, null, null, null);
    }

    /** People paged; schedules with nobody on call are named only when there are some. */
    public static Escalated paged(String policy, Object step, Integer round, String reason, List<String> paged,
        List<String> nobodyOnCall) {
      return new Escalated(policy, step, round, reason, null, List.copyOf(paged),
          nobodyOnCall.isEmpty() ? null : nobodyOnCall);
    }
  }

  /** A note someone wrote. */
  record Note(String text) implements TimelineEvent {}

  /** A notification waiting to be sent; a bulletin's kind is stored as {@code kind}. */
  record NotificationQueued(String user, long notification, @JsonProperty("kind") String bulletin)
      implements TimelineEvent {}

  /** A notification held back by a sending limit. */
  record NotificationHeld(String user, long notification, String until, String reason) implements TimelineEvent {}

  /** A notification handed to its provider, with how many others went with it or the one it went with. */
  record NotificationSent(String user, long notification, Integer bundled, Long bundledInto)
      implements TimelineEvent {}

  /** A provider's word that the notification reached the person. */
  record NotificationDelivered(String user, long notification) implements TimelineEvent {}

  /** A notification that could not be sent or queued; the error is kept even when the provider gave none. */
  record NotificationFailed(String user, Long notification, @JsonInclude String error, Integer attempt)
      implements TimelineEvent {}

  /** The impact stopped. */
  record Mitigated() implements TimelineEvent {}

  /** The severity an incident opened with, and the rule that gave it. */
  record SeveritySet(String severity, String rule) implements TimelineEvent {}

  /** Someone changed the severity; {@code from} is kept as null when there was none. */
  record SeverityChanged(@JsonInclude String from, @JsonInclude String to, @JsonInclude String reason)
      implements TimelineEvent {}

  /** Someone now holds a role, taking it from {@code previous} when someone held it. */
  record RoleAssigned(String role, String user, String previous) implements TimelineEvent {}

  /** Someone handed the incident to {@code to}, who has it now, taking it from {@code from} when someone had it. */
  record HandedOver(String to, List<String> from) implements TimelineEvent {}

  /** Nobody holds a role any more. */
  record RoleRemoved(String role, String user) implements TimelineEvent {}

  /** People asked to join, each target a user, schedule or team; {@code message} when one was given. */
  record RespondersRequested(List<Map<String, String>> targets, String message) implements TimelineEvent {}

  /** An alert of a service downstream joined as impact. */
  record DownstreamImpact(String service, long alert) implements TimelineEvent {}

  /** This incident merged {@code into} another, or another merged in {@code from} it with its alerts. */
  record Merged(Long into, Long from, Integer alerts, String service) implements TimelineEvent {}

  /** Alerts split off {@code into} a new incident, or this incident split {@code from} another. */
  record Split(Long from, Long into, List<Long> alerts) implements TimelineEvent {}

  /** A status update sent to stakeholders. */
  record StatusUpdate(@JsonInclude long statusUpdate, @JsonInclude String message,
      @JsonInclude List<String> recipients) implements TimelineEvent {}

  /** The incident stayed open past its service's RTO. */
  record RtoBreached(String rto, String service, String openedAt) implements TimelineEvent {}

  /** The incident needs a postmortem; its severity is kept as null when it has none. */
  record PostmortemRequired(@JsonInclude String severity, String dueAt, String owner) implements TimelineEvent {}

  /** Someone changed these fields of the postmortem. */
  record PostmortemUpdated(List<String> fields, String status) implements TimelineEvent {}

  /** A reminder that the postmortem is overdue. */
  record PostmortemReminder(int reminder, List<String> recipients) implements TimelineEvent {}

  /** An action item added to the postmortem. */
  record ActionItemAdded(long actionItem, String title, String owner) implements TimelineEvent {}

  /** An action item changed, and its status now. */
  record ActionItemUpdated(long actionItem, String status) implements TimelineEvent {}

  /** An action item deleted. */
  record ActionItemDeleted(long actionItem, String title) implements TimelineEvent {}

  /** A reminder that an action item is overdue. */
  record ActionItemReminder(long actionItem, int reminder, List<String> recipients) implements TimelineEvent {}

  /** A responder's verdict on a recent change: {@code cause} or {@code not_cause} of the incident. */
  record ChangeMarked(String change, String summary, String verdict) implements TimelineEvent {}

  /** A rollback recorded while the incident was open on its service, linked to it. */
  record ChangeLinked(String change, String summary, String rollbackOf) implements TimelineEvent {}
}
