package dev.vigil.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Decimal arithmetic on durations and shares, so that 0.1 % of 30 days is 43 min 12 s and not a nanosecond off. */
final class Exact {

  /** Enough digits for a quotient that does not end (two thirds of the events were good). */
  static final MathContext QUOTIENT = MathContext.DECIMAL128;

  private Exact() {}

  /** The duration in seconds, to the nanosecond. */
  static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
  }

  /** Seconds as a duration, rounded half to even to the nanosecond. */
  static Duration duration(BigDecimal seconds) {
    BigDecimal[] whole = seconds.setScale(9, RoundingMode.HALF_EVEN).divideAndRemainder(BigDecimal.ONE);
    return Duration.ofSeconds(whole[0].longValueExact(), whole[1].movePointRight(9).longValueExact());
  }

  /** {@code d} times {@code factor}, to the nanosecond. */
  static Duration times(Duration d, BigDecimal factor) {
    return duration(seconds(d).multiply(factor));
  }

  /** {@code a} over {@code b}: exact when it ends, else to 34 significant digits. */
  static BigDecimal divide(BigDecimal a, BigDecimal b) {
    try {
      return a.divide(b).stripTrailingZeros();
    } catch (ArithmeticException doesNotEnd) {
      return a.divide(b, QUOTIENT);
    }
  }

  /** {@code a} over {@code b}, for counts of events or slices. */
  static BigDecimal divide(long a, long b) {
    return divide(BigDecimal.valueOf(a), BigDecimal.valueOf(b));
  }
}
