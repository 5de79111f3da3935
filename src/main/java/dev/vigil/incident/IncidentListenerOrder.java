package dev.vigil.incident;

/**
 * The order in which the listeners of {@link IncidentChanged} run inside the transaction that changed the incident,
 * each listener annotated with its {@code @Order} from here. What each of them writes (pages and bulletins in the
 * outbox, timeline entries, jobs, subscribers' messages) is ordered by when it was written, so this order is what
 * responders, stakeholders and subscribers see:
 *
 * <ol>
 *   <li>escalation first: responders are paged before anyone else hears of the incident, and the first status
 *       update, which says that responders have been paged, comes after it on the timeline and in the outbox;
 *   <li>the RTO watch, which only schedules its check;
 *   <li>status updates to stakeholders;
 *   <li>the postmortem a resolution requires, after the update that told stakeholders of the resolution;
 *   <li>status page subscribers last, the public hearing of an incident after the people working on it.
 * </ol>
 *
 * <p>This is the order the listeners ran in before it was declared (Spring's default for unordered listeners: the
 * order their beans were found in), so declaring it changed nothing. A new listener takes its place here;
 * {@code IncidentListenerOrderIT} fails until it does.
 */
public final class IncidentListenerOrder {

  public static final int ESCALATION = 100;
  public static final int RTO_WATCH = 200;
  public static final int STATUS_UPDATES = 300;
  public static final int POSTMORTEMS = 400;
  public static final int STATUS_PAGE_SUBSCRIBERS = 500;

  private IncidentListenerOrder() {}
}
