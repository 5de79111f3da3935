package dev.vigil.sla;

import dev.vigil.system.InvalidException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a reader asks the ledger about, as the {@code period} parameter names them: a month {@code 2026-11}, a
 * quarter {@code 2026-Q4} or a year {@code 2026}; each contract shows its periods that overlap them.
 */
record PeriodQuery(LocalDate first, LocalDate last) {

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");

  /** Reads the parameter; anything else is a 400 that quotes it. */
  static PeriodQuery parse(String text) {
    String value = text == null ? "" : text.strip();
    try {
      Matcher m;
      if ((m = MONTH.matcher(value)).matches()) {
        YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return new PeriodQuery(month.atDay(1), month.atEndOfMonth());
      }
      if ((m = QUARTER.matcher(value)).matches()) {
        LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        return new PeriodQuery(first, first.plusMonths(3).minusDays(1));
      }
      if ((m = YEAR.matcher(value)).matches() && Integer.parseInt(value) >= 1970) {
        LocalDate first = LocalDate.of(Integer.parseInt(value), 1, 1);
        return new PeriodQuery(first, first.plusYears(1).minusDays(1));
      }
    } catch (DateTimeException e) {
      // Falls through to the same answer as any other text.
    }
    throw new InvalidException("period: '" + value + "' is not a month (2026-11), a quarter (2026-Q4) or a year"
        + " (2026) from 1970");
  }
}
