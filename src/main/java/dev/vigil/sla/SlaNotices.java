package dev.vigil.sla;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.notify.Outbox;
import dev.vigil.system.PublicUrl;
import dev.vigil.web.Formats;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a customer's contacts (customer success) when a contract's period under way has used 50, 75 and 100 percent
 * of its allowed downtime: a recurring job reads every contract's ledger and sends each threshold once per period,
 * remembered in {@code sla_notice}; a jump over several thresholds is one notice naming the highest.
 */
@Component
class SlaNotices {

  /** The shares of the allowed downtime that are announced. */
  static final List<Integer> THRESHOLDS = List.of(50, 75, 100);

  private final SlaLedger ledger;
  private final CatalogQueries catalog;
  private final Outbox outbox;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final PublicUrl publicUrl;
  private final Clock clock;

  SlaNotices(SlaLedger ledger, CatalogQueries catalog, Outbox outbox, JdbcClient jdbc,
      TransactionTemplate transactions, PublicUrl publicUrl, Clock clock) {
    this.ledger = ledger;
    this.catalog = catalog;
    this.outbox = outbox;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** The recurring job: every five minutes, on one node at a time. */
  @Configuration(proxyBeanMethods = false)
  static class Job {
    static final String NAME = "sla-notices";

    @Bean
    RecurringTask<Void> slaNoticesTask(SlaNotices notices) {
      return Tasks.recurring(NAME, FixedDelay.of(Duration.ofMinutes(5))).execute((instance, context) -> notices.run());
    }
  }

  /** Sends every notice due now; returns how many contract thresholds were announced. */
  int run() {
    List<Catalog.Customer> customers = catalog.catalog().customers();
    int sent = 0;
    for (ContractLedger l : ledger.current()) {
      Catalog.Customer customer = customers.stream().filter(c -> c.name().equals(l.customer())).findFirst()
          .orElse(null);
      if (customer == null || customer.contacts().isEmpty()) {
        continue;
      }
      List<Integer> reached = THRESHOLDS.stream().filter(t -> l.budgetUsedPercent() >= t).toList();
      if (!reached.isEmpty() && Boolean.TRUE.equals(transactions.execute(tx -> announce(customer, l, reached)))) {
        sent++;
      }
    }
    return sent;
  }

  /** Records the thresholds reached; when one is new, queues one notice to each contact naming the highest. */
  private boolean announce(Catalog.Customer customer, ContractLedger l, List<Integer> reached) {
    int fresh = 0;
    for (int threshold : reached) {
      // The primary key keeps a threshold to one row: a second job run, or another node's, inserts nothing.
      fresh += jdbc.sql("""
              insert into sla_notice (customer, contract, period, threshold, sent_at)
              values (:customer, :contract, :period, :threshold, :at) on conflict do nothing""")
          .param("customer", l.customer()).param("contract", l.contract()).param("period", l.period())
          .param("threshold", threshold).param("at", Timestamp.from(clock.instant())).update();
    }
    if (fresh == 0) {
      return false;
    }
    int highest = reached.getLast();
    String subject = l.customer() + ": " + l.contract() + " has used " + (highest == 100 ? "all" : highest + " %")
        + " of its allowed downtime for " + l.period();
    String text = text(l, highest);
    for (String contact : customer.contacts()) {
      outbox.notice(contact, "sla notice", subject, text, "sla-notice-" + l.customer() + "-" + l.contract() + "-"
          + l.period() + "-" + highest + "-" + contact);
    }
    return true;
  }

  private String text(ContractLedger l, int highest) {
    StringBuilder text = new StringBuilder();
    text.append(l.customer()).append("'s contract ").append(l.contract()).append(" promises ")
        .append(SlaStatement.number(l.objectivePercent())).append(" % of ").append(String.join(", ", l.services()))
        .append(" in ").append(l.period()).append(" (").append(l.firstDay()).append(" to ").append(l.lastDay())
        .append(", ").append(l.zone()).append(").\n");
    text.append("Downtime so far: ").append(Formats.duration(l.downtime())).append(", ")
        .append(SlaStatement.number(l.budgetUsedPercent())).append(" % of the ")
        .append(Formats.duration(l.allowedDowntime())).append(" allowed; availability ")
        .append(SlaStatement.number(l.availabilityPercent())).append(" %.\n");
    if (highest == 100) {
      text.append("The SLA is missed for this period: credit ").append(SlaStatement.number(l.creditPercent()))
          .append(" %").append(l.amountOwed() == null ? "" : ", " + l.amountOwed() + " " + l.currency())
          .append(".\n");
    } else if (l.runsOutOn() != null) {
      text.append("At the burn so far the allowed downtime runs out on ").append(l.runsOutOn()).append(".\n");
    }
    text.append('\n');
    for (ContractLedger.CountedIncident i : l.incidents()) {
      text.append("  #").append(i.id()).append(' ').append(i.title().replaceAll("[\\p{Cntrl}\\s]+", " ").strip())
          .append(" (").append(i.service()).append("): ").append(Formats.duration(i.counted())).append('\n');
    }
    text.append('\n').append(publicUrl.base()).append("/customers/")
        .append(URLEncoder.encode(l.customer(), StandardCharsets.UTF_8).replace("+", "%20")).append('\n');
    return text.toString();
  }
}
