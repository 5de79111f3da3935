package dev.vigil.availability;

import java.time.Instant;

/**
 * A recorded change of state, such as a probe turning down: the thing is in {@code state()} from {@code at()} until
 * its next change.
 *
 * @param <S> the states the thing can be in
 */
public interface StateChange<S> {

  /** When the state began. */
  Instant at();

  /** The state from then on. */
  S state();
}
