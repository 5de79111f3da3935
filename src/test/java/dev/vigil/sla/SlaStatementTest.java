package dev.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement of the crafted history of {@link ContractLedgerTest}, exact in CSV and in Markdown. */
class SlaStatementTest {

  static final Instant LATER = Instant.parse("2026-04-01T00:00:00Z");

  static List<ContractLedger> firstQuarter() {
    return List.of(
        ContractLedgerTest.ledger(LocalDate.parse("2026-02-01"), ZoneOffset.UTC, ContractLedgerTest.HISTORY, LATER),
        ContractLedgerTest.ledger(LocalDate.parse("2026-01-01"), ZoneOffset.UTC, ContractLedgerTest.HISTORY, LATER),
        ContractLedgerTest.ledger(LocalDate.parse("2026-03-01"), ZoneOffset.UTC, List.of(), LATER));
  }

  @Test
  void csv_oneLinePerCountedIncident_andOneForAPeriodWithout() {
    String figuresFeb = "Fleetline,fleetline-api,2026-02,2026-02-01,2026-02-28,Z,99.9,2419,5400,223.233,99.777,10,"
        + "120.00,EUR,";
    String figuresJan = "Fleetline,fleetline-api,2026-01,2026-01-01,2026-01-31,Z,99.9,2678,1800,67.214,99.933,0,"
        + "0.00,EUR,";
    assertThat(SlaStatement.csv(firstQuarter())).isEqualTo(SlaStatement.CSV_HEADER
        + figuresFeb + "1,Incident 1,api,SEV2,1800\r\n"
        + figuresFeb + "2,Incident 2,payment,SEV2,2400\r\n"
        + figuresFeb + "3,Incident 3,api,SEV2,1200\r\n"
        + figuresJan + "1,Incident 1,api,SEV2,1800\r\n"
        + "Fleetline,fleetline-api,2026-03,2026-03-01,2026-03-31,Z,99.9,2678,0,0,100,0,0.00,EUR,,,,,\r\n");
  }

  @Test
  void csv_quotesCommasAndDisarmsFormulas() {
    ContractLedger l = ContractLedger.of("=Acme, Inc.", ContractLedgerTest.CONTRACT,
        ContractPeriod.holding(ContractLedgerTest.CONTRACT.period(), LocalDate.parse("2026-03-01"), ZoneOffset.UTC),
        List.of(), null, null, LATER);
    assertThat(SlaStatement.csv(List.of(l))).contains("\r\n\"'=Acme, Inc.\",fleetline-api,2026-03,");
  }

  @Test
  void markdown_eachContractPeriodWithItsIncidents() {
    assertThat(SlaStatement.markdown("Fleetline", "2026-Q1", firstQuarter().subList(0, 1))).isEqualTo("""
        # SLA statement: Fleetline, 2026-Q1

        ## fleetline-api, 2026-02

        - Period: 2026-02-01 to 2026-02-28 (Z)
        - Services: api, payment
        - Objective: 99.9 %, allowing 40m 19s of downtime
        - Downtime: 1h 30m (223.233 % of the allowed downtime)
        - Availability: 99.777 %
        - Credit: 10 %, 120.00 EUR of 1200.00

        | Incident | Title | Service | Severity | Counted |
        | --- | --- | --- | --- | --- |
        | #1 | Incident 1 | api | SEV2 | 30m |
        | #2 | Incident 2 | payment | SEV2 | 40m |
        | #3 | Incident 3 | api | SEV2 | 20m |

        """);
    assertThat(SlaStatement.markdown("Fleetline", "2026-03", firstQuarter().subList(2, 3)))
        .contains("- Downtime: 0s (0 % of the allowed downtime)\n").endsWith("No incident counted.\n\n");
  }
}
