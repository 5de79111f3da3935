package dev.vigil.catalog;

import java.util.Collection;
import java.util.Locale;

/** Finds the known word closest to a misspelt one, for "did you mean" hints. */
final class Suggestions {

  private Suggestions() {}

  /** The closest candidate if it is close enough to be a likely typo, else null. */
  static String closest(String word, Collection<String> candidates) {
    String target = normalize(word);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(target, normalize(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // Short words need a closer match, or every two-letter typo would "mean" something.
    int allowed = target.length() <= 4 ? 1 : target.length() <= 8 ? 2 : 3;
    return bestDistance <= allowed ? best : null;
  }

  /** " (did you mean 'x'?)" or an empty string. */
  static String hint(String word, Collection<String> candidates) {
    String best = closest(word, candidates);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Case and separators are the commonest slips: dependsOn, Depends-On and depends_on are the same word. */
  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit, since "teir" for "tier" is
   * one slip of the fingers (optimal string alignment distance).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
