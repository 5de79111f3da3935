package dev.vigil.slo;

/**
 * Whether an error budget's figures speak for anything: a share of the budget is only said when something was
 * measured, so that neither missing data nor a quiet service reads as 100 % or 0 %.
 */
public enum BudgetState {
  /** Nothing was measured: the source gave no data for the window. */
  NO_DATA,
  /** Measured, and there was nothing to judge: no events, or no slice with any. */
  ZERO_TRAFFIC,
  /** Measured, with events, slices or time to judge. */
  MEASURED
}
