package dev.vigil.coverage;

import dev.vigil.catalog.Catalog;
import dev.vigil.system.InvalidException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scorecard's filters as the API and the page take them, checked together: a team the catalog names, a tier from
 * 1 to 4, a trend of 1 to 400 days; every bad one named in one 400.
 */
record CoverageQuery(String team, Integer tier, int days) {

  static CoverageQuery of(Catalog catalog, String team, String tier, String days) {
    List<String> problems = new ArrayList<>();
    String wantedTeam = team == null || team.isBlank() ? null : team;
    if (wantedTeam != null && catalog.team(wantedTeam).isEmpty()) {
      problems.add("team: no team named '" + team + "'");
    }
    Integer wantedTier = tier == null || tier.isBlank() ? null : number(tier, 1, 4);
    if (tier != null && !tier.isBlank() && wantedTier == null) {
      problems.add("tier: expected a tier from 1 to 4, got '" + tier + "'");
    }
    Integer wantedDays = days == null || days.isBlank() ? Integer.valueOf(CoverageBoard.TREND_DAYS)
        : number(days, 1, 400);
    if (wantedDays == null) {
      problems.add("days: expected a number of days from 1 to 400, got '" + days + "'");
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return new CoverageQuery(wantedTeam, wantedTier, wantedDays);
  }

  private static Integer number(String text, int min, int max) {
    try {
      int n = Integer.parseInt(text.strip());
      return n >= min && n <= max ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
