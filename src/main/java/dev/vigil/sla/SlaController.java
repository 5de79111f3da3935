package dev.vigil.sla;

import dev.vigil.system.InvalidException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/customers/{name}/sla}: a customer's SLA ledger per contract and period, and its statement as CSV or
 * Markdown. Definitions are in ADR 0039.
 */
@RestController
@RequestMapping("/api/v1/customers")
class SlaController {

  static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
  static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

  private final SlaLedger ledger;

  SlaController(SlaLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * The customer's SLA ledger: each contract's periods overlapping {@code period}, newest first, with the downtime
   * that counted, each incident's share, the credit owed and, for the period under way, when it runs out.
   *
   * @param period a month (2026-11), quarter (2026-Q4) or year (2026); the last twelve months when absent
   */
  @GetMapping("/{name}/sla")
  SlaLedger.CustomerLedger sla(@PathVariable String name, @RequestParam(required = false) String period) {
    return ledger.of(name, period);
  }

  /**
   * The customer's SLA statement for a period, with the incidents that caused its downtime: CSV, or Markdown with
   * {@code format=markdown} or {@code Accept: text/markdown}.
   *
   * @param period a month (2026-11), quarter (2026-Q4) or year (2026)
   * @param format csv or markdown (else the Accept header decides; CSV by default)
   */
  @ApiResponse(responseCode = "200", description = "The statement", content = {
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(mediaType = "text/markdown", schema = @Schema(type = "string"))})
  @GetMapping("/{name}/sla/statement")
  ResponseEntity<String> statement(@PathVariable String name, @RequestParam(required = false) String period,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    return statement(ledger, name, period, format, accept);
  }

  /** The statement as a download, for the API and the customer page alike. */
  static ResponseEntity<String> statement(SlaLedger ledger, String name, String period, String format,
      String accept) {
    boolean markdown = markdown(format, accept);
    if (period == null || period.isBlank()) {
      throw new InvalidException("period: required, a month (2026-11), a quarter (2026-Q4) or a year (2026)");
    }
    SlaLedger.CustomerLedger l = ledger.of(name, period);
    String file = "sla-" + l.customer().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + "-" + period.strip();
    List<ContractLedger> periods = l.periods();
    return markdown
        ? download(SlaStatement.markdown(l.customer(), period.strip(), periods), MARKDOWN, file + ".md")
        : download(SlaStatement.csv(periods), CSV, file + ".csv");
  }

  private static boolean markdown(String format, String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> false;
        case "markdown", "md" -> true;
        default -> throw new InvalidException("format: expected csv or markdown, got '" + format + "'");
      };
    }
    return accept != null && accept.contains("text/markdown");
  }

  private static ResponseEntity<String> download(String body, MediaType type, String name) {
    return ResponseEntity.ok().contentType(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .body(body);
  }
}
