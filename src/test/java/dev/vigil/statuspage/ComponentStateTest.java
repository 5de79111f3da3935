package dev.vigil.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog;
import dev.vigil.incident.PublicIncidents.IncidentRow;
import dev.vigil.incident.PublicIncidents.UpdateRow;
import dev.vigil.probe.ProbeHistory.ProbeRow;
import dev.vigil.system.InvalidException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a component's state follows from its open incidents' severities, its probes and maintenance (ADR 0012). */
class ComponentStateTest {

  static final Catalog.IncidentPolicy POLICY = Catalog.IncidentPolicy.DEFAULT; // SEV1..SEV4
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Catalog.MaintenanceWindow NOW_WINDOW = new Catalog.MaintenanceWindow("upgrade", "UTC",
      "2026-03-10T11:00", "2026-03-10T13:00", null, null, null);

  static IncidentRow incident(String status, String severity) {
    return new IncidentRow(1, "api", List.of(), List.of(), status, severity, NOW.minusSeconds(600),
        status.equals("resolved") ? NOW : null);
  }

  static ProbeRow probe(String name, String state) {
    return new ProbeRow(name.hashCode(), "api", name, state, NOW.minusSeconds(86_400));
  }

  static ComponentState state(List<IncidentRow> incidents, List<ProbeRow> probes,
      List<Catalog.MaintenanceWindow> windows) {
    return StatusPages.stateNow(POLICY, incidents, probes, Map.of("api", windows), windows, NOW);
  }

  @Test
  void theMostSevereOpenIncidentDecides() {
    assertThat(state(List.of(), List.of(), List.of())).isEqualTo(ComponentState.OPERATIONAL);
    assertThat(state(List.of(incident("triggered", "SEV1")), List.of(), List.of()))
        .isEqualTo(ComponentState.MAJOR_OUTAGE);
    assertThat(state(List.of(incident("acknowledged", "SEV2"), incident("triggered", "SEV3")), List.of(), List.of()))
        .isEqualTo(ComponentState.PARTIAL_OUTAGE);
    assertThat(state(List.of(incident("triggered", "SEV4")), List.of(), List.of())).isEqualTo(ComponentState.DEGRADED);
    assertThat(state(List.of(incident("triggered", null)), List.of(), List.of())).isEqualTo(ComponentState.DEGRADED);
    assertThat(state(List.of(incident("mitigated", "SEV1")), List.of(), List.of())).isEqualTo(ComponentState.DEGRADED);
    assertThat(state(List.of(incident("resolved", "SEV1")), List.of(), List.of()))
        .isEqualTo(ComponentState.OPERATIONAL);
  }

  @Test
  void probesDownMakeAnOutageUnlessTheServiceIsInMaintenance() {
    assertThat(state(List.of(), List.of(probe("a", "down"), probe("b", "up")), List.of()))
        .isEqualTo(ComponentState.PARTIAL_OUTAGE);
    assertThat(state(List.of(), List.of(probe("a", "down"), probe("b", "down")), List.of()))
        .isEqualTo(ComponentState.MAJOR_OUTAGE);
    assertThat(state(List.of(), List.of(probe("a", "unknown")), List.of())).isEqualTo(ComponentState.OPERATIONAL);
    assertThat(state(List.of(), List.of(probe("a", "down")), List.of(NOW_WINDOW)))
        .isEqualTo(ComponentState.UNDER_MAINTENANCE);
    // An incident during maintenance is still shown.
    assertThat(state(List.of(incident("triggered", "SEV2")), List.of(), List.of(NOW_WINDOW)))
        .isEqualTo(ComponentState.PARTIAL_OUTAGE);
  }

  @Test
  void theMinimumSeverityHidesMilderAndUnclassifiedIncidents() {
    Catalog.StatusPage page = new Catalog.StatusPage("p", "P", null, null, List.of(),
        new Catalog.StatusPageIncidents("SEV2", null), null, null);
    assertThat(StatusPages.shown(page, POLICY, "SEV1")).isTrue();
    assertThat(StatusPages.shown(page, POLICY, "SEV2")).isTrue();
    assertThat(StatusPages.shown(page, POLICY, "SEV3")).isFalse();
    assertThat(StatusPages.shown(page, POLICY, null)).isFalse();
    Catalog.StatusPage all = new Catalog.StatusPage("p", "P", null, null, List.of(), null, null, null);
    assertThat(StatusPages.shown(all, POLICY, null)).isTrue();
  }

  @Test
  void vigilsOwnUpdatesNameNoServiceOnThePublicPage() {
    UpdateRow own = new UpdateRow(1, 1, NOW, null, "triggered",
        "We are investigating an incident affecting payment-api. Responders have been paged.");
    assertThat(StatusPages.publicUpdate(own).text()).isEqualTo("We are investigating this incident.");
    assertThat(StatusPages.publicUpdate(new UpdateRow(2, 1, NOW, null, "resolved", "x")).text())
        .isEqualTo("This incident has been resolved.");
    UpdateRow person = new UpdateRow(3, 1, NOW, "ana", "mitigated", "Fixed <b>mostly</b>");
    assertThat(StatusPages.publicUpdate(person)).extracting(StatusPages.UpdateView::status,
        StatusPages.UpdateView::text).containsExactly("Monitoring", "Fixed <b>mostly</b>");
  }

  @Test
  void weeklyMaintenanceIsListedDayByDayInItsZone() {
    Catalog.MaintenanceWindow sundays = new Catalog.MaintenanceWindow("backups", "Europe/Paris", null, null,
        List.of("sun"), "23:00", "01:00");
    List<MaintenanceCalendar.Occurrence> next = MaintenanceCalendar.between(List.of(sundays), NOW,
        NOW.plus(java.time.Duration.ofDays(14)));
    assertThat(next).extracting(MaintenanceCalendar.Occurrence::start).containsExactly(
        Instant.parse("2026-03-15T22:00:00Z"), Instant.parse("2026-03-22T22:00:00Z"));
    assertThat(next.getFirst().end()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
  }

  @Test
  void webhookAddressesMustBePublicHttpUrlsUnlessAllowed() {
    assertThatThrownBy(() -> Subscriptions.webhookUrl("http://127.0.0.1:8080/hook", false))
        .isInstanceOf(InvalidException.class).hasMessageContaining("private or local address");
    assertThatThrownBy(() -> Subscriptions.webhookUrl("http://10.1.2.3/hook", false))
        .hasMessageContaining("private or local address");
    assertThatThrownBy(() -> Subscriptions.webhookUrl("http://[fd00::1]/hook", false))
        .hasMessageContaining("private or local address");
    assertThatThrownBy(() -> Subscriptions.webhookUrl("javascript:alert(1)", true))
        .hasMessageContaining("is not an http:// or https:// URL");
    assertThat(Subscriptions.webhookUrl(" http://127.0.0.1:8080/hook ", true)).isEqualTo("http://127.0.0.1:8080/hook");
    assertThat(Subscriptions.webhookUrl("https://203.0.113.7/hook", false)).isEqualTo("https://203.0.113.7/hook");
  }

  @Test
  void badgesAreSvgWithTheStateInWordsAndEscapedLabels() {
    String svg = StatusBadges.svg("A&B <status>", ComponentState.PARTIAL_OUTAGE);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("partial outage")
        .contains("A&amp;B &lt;status&gt;").doesNotContain("<status>");
  }
}
