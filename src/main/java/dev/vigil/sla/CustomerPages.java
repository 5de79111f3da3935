package dev.vigil.sla;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.web.UiController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers pages: every customer with each contract's period under way, a customer's SLA ledger per contract
 * and period with a statement per period, and the statement as a printable page (or the API's CSV and Markdown).
 */
@UiController
class CustomerPages {

  private final SlaLedger ledger;
  private final CatalogQueries catalog;

  CustomerPages(SlaLedger ledger, CatalogQueries catalog) {
    this.ledger = ledger;
    this.catalog = catalog;
  }

  /** How the pages write the ledger's figures, as the statement does. */
  static final class Texts {
    public String duration(java.time.Duration d) {
      return dev.vigil.web.Formats.duration(d);
    }

    public String number(double value) {
      return SlaStatement.number(value);
    }
  }

  static final Texts TEXTS = new Texts();

  /** A customer with its contracts' periods under way. */
  record CustomerRow(Catalog.Customer customer, List<ContractLedger> current) {}

  @GetMapping("/customers")
  String list(Model model) {
    Map<String, List<ContractLedger>> current = new LinkedHashMap<>();
    for (ContractLedger l : ledger.current()) {
      current.computeIfAbsent(l.customer(), c -> new ArrayList<>()).add(l);
    }
    model.addAttribute("section", "customers");
    model.addAttribute("sla", TEXTS);
    model.addAttribute("customers", catalog.catalog().customers().stream()
        .map(c -> new CustomerRow(c, current.getOrDefault(c.name(), List.of()))).toList());
    return "sla/customers";
  }

  @GetMapping("/customers/{name}")
  String customer(@PathVariable String name, @RequestParam(required = false) String period, Model model) {
    SlaLedger.CustomerLedger l = ledger.of(name, blank(period) ? null : period);
    model.addAttribute("section", "customers");
    model.addAttribute("sla", TEXTS);
    model.addAttribute("ledger", l);
    model.addAttribute("period", blank(period) ? null : period.strip());
    return "sla/customer";
  }

  /** The statement for a period: a page to print, or with {@code format} the API's CSV or Markdown. */
  @GetMapping("/customers/{name}/statement")
  Object statement(@PathVariable String name, @RequestParam(required = false) String period,
      @RequestParam(required = false) String format, Model model) {
    if (!blank(format)) {
      return SlaController.statement(ledger, name, period, format, null);
    }
    SlaLedger.CustomerLedger l = ledger.of(name, blank(period) ? "" : period);
    model.addAttribute("section", "customers");
    model.addAttribute("sla", TEXTS);
    model.addAttribute("ledger", l);
    model.addAttribute("period", period.strip());
    return "sla/statement";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
