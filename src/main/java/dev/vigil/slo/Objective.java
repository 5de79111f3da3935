package dev.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * An SLO's objective, the percentage of events, slices or time that must be good, kept as the decimal it was written
 * as; what it leaves (100 less it) is the error budget's share.
 *
 * @param percent above 0 and below 100: an objective of 100 leaves no budget to spend or burn
 */
public record Objective(BigDecimal percent) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Objective {
    Objects.requireNonNull(percent, "percent");
    if (percent.signum() <= 0 || percent.compareTo(HUNDRED) >= 0) {
      throw new IllegalArgumentException("objective " + percent.toPlainString() + " is not a percentage above 0 and"
          + " below 100 (100 would leave no error budget); use e.g. 99.9");
    }
  }

  /**
   * The objective written as {@code text} (99.9, 99.95), or {@link IllegalArgumentException} naming the text when it
   * is no percentage above 0 and below 100.
   */
  public static Objective of(String text) {
    try {
      return new Objective(new BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("objective '" + text + "' is not a number; use a percentage such as 99.9",
          e);
    }
  }

  /** The share that must be good: 0.999 for 99.9. */
  public BigDecimal ratio() {
    return percent.movePointLeft(2);
  }

  /** The share that may be bad, the error budget's share: 0.001 for 99.9. */
  public BigDecimal budgetRatio() {
    return BigDecimal.ONE.subtract(ratio());
  }

  /** The time the objective allows to be bad over {@code length}: 43 min 12 s of 30 days at 99.9. */
  public Duration budgetOver(Duration length) {
    return Exact.times(length, budgetRatio());
  }
}
