package dev.vigil.availability;

import java.util.SplittableRandom;

/**
 * Runs a property over random cases drawn from fixed seeds, naming the seed of a case that fails, and shows that a
 * property rejects a deliberately broken implementation. {@code -Dvigil.seed=N} starts from another seed (the one a
 * failure named, to replay it first); {@code -Dvigil.cases=N} sets how many cases each property draws.
 */
final class Seeds {

  static final long FIRST = Long.getLong("vigil.seed", 20260310L);
  static final int CASES = Integer.getInteger("vigil.cases", 500);

  /** A property of an implementation, checked on one random case: it throws an {@link AssertionError} if false. */
  @FunctionalInterface
  interface Property<T> {
    void check(T implementation, SplittableRandom random);
  }

  private Seeds() {}

  /** Checks the property on every case; a failure names its seed and how to replay it. */
  static <T> void holds(T implementation, Property<T> property) {
    for (int i = 0; i < CASES; i++) {
      long seed = FIRST + i;
      try {
        property.check(implementation, new SplittableRandom(seed));
      } catch (AssertionError e) {
        throw new AssertionError("fails for seed " + seed + " (replay with -Dvigil.seed=" + seed + "): "
            + e.getMessage(), e);
      }
    }
  }

  /** Asserts that some case shows the broken implementation wrong, so that the property can fail at all. */
  static <T> void rejects(T broken, Property<T> property) {
    for (int i = 0; i < CASES; i++) {
      try {
        property.check(broken, new SplittableRandom(FIRST + i));
      } catch (AssertionError expected) {
        return;
      }
    }
    throw new AssertionError("the broken implementation passed all " + CASES + " cases from seed " + FIRST);
  }
}
