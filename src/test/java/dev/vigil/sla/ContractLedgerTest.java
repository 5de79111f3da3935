package dev.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.incident.IncidentIntervals.ServiceOutage;
import dev.vigil.incident.OpenIntervals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger exact on a crafted history: two covered services with overlapping incidents, one incident across the
 * end of January, a 31-day and a 28-day month, the 10 % credit tier and its amount, and the forecast of a month
 * under way.
 */
class ContractLedgerTest {

  static final Catalog.Contract CONTRACT = new Catalog.Contract("fleetline-api", List.of("api", "payment"), 99.9,
      Catalog.ContractPeriod.MONTHLY, List.of(new Catalog.CreditTier(99.9, 10), new Catalog.CreditTier(99.5, 25)),
      null, new BigDecimal("1200.00"), "EUR");

  static Instant at(String utc) {
    return Instant.parse(utc);
  }

  static ServiceOutage outage(long id, String service, String opened, String mitigated, String resolved) {
    return new ServiceOutage(id, "Incident " + id, service, "SEV2", new OpenIntervals(List.of(
        new OpenIntervals.Interval(at(opened), mitigated == null ? null : at(mitigated),
            resolved == null ? null : at(resolved)))));
  }

  /** 30 minutes each side of midnight UTC, 31 January to 1 February. */
  static final ServiceOutage ACROSS_MONTH_END = outage(1, "api", "2026-01-31T23:30:00Z", null, "2026-02-01T00:30:00Z");
  /** Down 40 minutes until mitigated, resolved later. */
  static final ServiceOutage PAYMENT = outage(2, "payment", "2026-02-10T10:00:00Z", "2026-02-10T10:40:00Z",
      "2026-02-10T11:30:00Z");
  /** From 10:20 to 11:00: its first 20 minutes overlap the payment incident's impact. */
  static final ServiceOutage API = outage(3, "api", "2026-02-10T10:20:00Z", null, "2026-02-10T11:00:00Z");

  static final List<ServiceOutage> HISTORY = List.of(API, PAYMENT, ACROSS_MONTH_END);

  static ContractLedger ledger(LocalDate day, ZoneId zone, List<ServiceOutage> outages, Instant now) {
    return ContractLedger.of("Fleetline", CONTRACT, ContractPeriod.holding(Catalog.ContractPeriod.MONTHLY, day, zone),
        outages, null, null, now);
  }

  @Test
  void february_countsEachInstantOnceAndReachesTheTenPercentTier() {
    ContractLedger feb = ledger(LocalDate.parse("2026-02-14"), ZoneOffset.UTC, HISTORY, at("2026-04-01T00:00:00Z"));
    assertThat(feb.period()).isEqualTo("2026-02");
    assertThat(feb.firstDay()).isEqualTo(LocalDate.parse("2026-02-01"));
    assertThat(feb.lastDay()).isEqualTo(LocalDate.parse("2026-02-28"));
    assertThat(feb.underWay()).isFalse();
    assertThat(feb.periodLength()).isEqualTo(Duration.ofDays(28));
    // 30 (after midnight) + 40 (payment until mitigated) + 20 (api after the overlap) minutes: 5400 s, not 6600.
    assertThat(feb.incidents()).extracting(c -> c.id() + ":" + c.counted().toMinutes())
        .containsExactly("1:30", "2:40", "3:20");
    assertThat(feb.downtime()).isEqualTo(Duration.ofSeconds(5400));
    // 99.9 % of 28 days allows 2419.2 s, to the second 2419.
    assertThat(feb.allowedDowntime()).isEqualTo(Duration.ofSeconds(2419));
    assertThat(feb.budgetUsedPercent()).isEqualTo(223.233);
    assertThat(feb.availabilityPercent()).isEqualTo(99.777);
    assertThat(feb.creditPercent()).isEqualTo(10.0);
    assertThat(feb.amountOwed()).isEqualTo(new BigDecimal("120.00"));
    assertThat(feb.currency()).isEqualTo("EUR");
    assertThat(feb.measuredFrom()).isEqualTo("incidents");
    assertThat(feb.runsOutOn()).isNull();
  }

  @Test
  void january_keepsTheHalfHourBeforeMidnightAndOwesNothing() {
    ContractLedger jan = ledger(LocalDate.parse("2026-01-05"), ZoneOffset.UTC, HISTORY, at("2026-04-01T00:00:00Z"));
    assertThat(jan.periodLength()).isEqualTo(Duration.ofDays(31));
    assertThat(jan.incidents()).extracting(c -> c.id() + ":" + c.counted().toMinutes()).containsExactly("1:30");
    // 99.9 % of 31 days allows 2678.4 s, to the second 2678; 1800 s is 67.214 % of it.
    assertThat(jan.allowedDowntime()).isEqualTo(Duration.ofSeconds(2678));
    assertThat(jan.budgetUsedPercent()).isEqualTo(67.214);
    assertThat(jan.availabilityPercent()).isEqualTo(99.933);
    assertThat(jan.creditPercent()).isZero();
    assertThat(jan.amountOwed()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void inParis_theIncidentAcrossMidnightUtcFallsWhollyInFebruary() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(ledger(LocalDate.parse("2026-02-14"), paris, HISTORY, at("2026-04-01T00:00:00Z")).incidents())
        .extracting(c -> c.id() + ":" + c.counted().toMinutes()).containsExactly("1:60", "2:40", "3:20");
    assertThat(ledger(LocalDate.parse("2026-01-14"), paris, HISTORY, at("2026-04-01T00:00:00Z")).incidents())
        .isEmpty();
  }

  @Test
  void aMonthUnderWay_forecastsTheDayTheAllowedDowntimeRunsOut() {
    // 18 minutes in the first nine days of March: at that burn the other 1598 s of 2678 last 13 days 7 h 36 min.
    ServiceOutage march = outage(4, "api", "2026-03-02T00:00:00Z", null, "2026-03-02T00:18:00Z");
    ContractLedger now = ledger(LocalDate.parse("2026-03-10"), ZoneOffset.UTC, List.of(march),
        at("2026-03-10T00:00:00Z"));
    assertThat(now.underWay()).isTrue();
    assertThat(now.downtime()).isEqualTo(Duration.ofSeconds(1080));
    assertThat(now.budgetUsedPercent()).isEqualTo(40.329);
    assertThat(now.availabilityPercent()).isEqualTo(99.96);
    assertThat(now.runsOutOn()).isEqualTo(LocalDate.parse("2026-03-23"));
    // Nothing so far: no forecast; a slow burn that lasts the month: none either.
    assertThat(ledger(LocalDate.parse("2026-03-10"), ZoneOffset.UTC, List.of(), at("2026-03-10T00:00:00Z"))
        .runsOutOn()).isNull();
    assertThat(ledger(LocalDate.parse("2026-03-30"), ZoneOffset.UTC, List.of(march), at("2026-03-30T00:00:00Z"))
        .runsOutOn()).isNull();
  }

  @Test
  void aMonthUnderWay_pastItsAllowedDowntime_saysTheDayItRanOut() {
    // An incident still open since 1 March 23:00 is down until now; 2678 s after it began is 1 March 23:44:38.
    ServiceOutage open = outage(5, "payment", "2026-03-01T23:00:00Z", null, null);
    ContractLedger now = ledger(LocalDate.parse("2026-03-02"), ZoneOffset.UTC, List.of(open),
        at("2026-03-02T01:00:00Z"));
    assertThat(now.downtime()).isEqualTo(Duration.ofHours(2));
    assertThat(now.runsOutOn()).isEqualTo(LocalDate.parse("2026-03-01"));
    // Past its allowed downtime the month is below 99.9 % already: the tier is reached and stays reached.
    assertThat(now.creditPercent()).isEqualTo(10.0);
  }

  @Test
  void theSeveritiesThatPageCount() {
    Catalog empty = new Catalog(1, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null,
        List.of());
    assertThat(SlaLedger.countingSeverities(empty)).containsExactlyInAnyOrder("SEV1", "SEV2", "SEV3");
  }

  @Test
  void periodsAreNamedAsTheApiTakesThem() {
    ZoneId utc = ZoneOffset.UTC;
    assertThat(new ContractPeriod(Catalog.ContractPeriod.QUARTERLY, LocalDate.parse("2026-11-20"), utc).label())
        .isEqualTo("2026-Q4");
    assertThat(new ContractPeriod(Catalog.ContractPeriod.YEARLY, LocalDate.parse("2026-11-20"), utc).label())
        .isEqualTo("2026");
    assertThat(PeriodQuery.parse("2026-Q4")).isEqualTo(new PeriodQuery(LocalDate.parse("2026-10-01"),
        LocalDate.parse("2026-12-31")));
    assertThat(PeriodQuery.parse("2026-02").last()).isEqualTo(LocalDate.parse("2026-02-28"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PeriodQuery.parse("2026-13"))
        .hasMessage("period: '2026-13' is not a month (2026-11), a quarter (2026-Q4) or a year (2026) from 1970");
  }
}
