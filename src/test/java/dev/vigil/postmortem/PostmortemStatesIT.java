package dev.vigil.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.CheckConstraints;
import dev.vigil.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The postmortem and action item states Java knows are the ones the tables' check constraints allow, and they are
 * written to the API as stored: the enums change no stored row and no JSON.
 */
@IntegrationTest
class PostmortemStatesIT {

  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;

  @Test
  void mirrorTheCheckConstraints() {
    CheckConstraints.assertMirrored(jdbc, "postmortem", "status", PostmortemState.class);
    CheckConstraints.assertMirrored(jdbc, "action_item", "status", ActionItemState.class);
    assertThat(PostmortemState.listed()).isEqualTo("draft, in_review, published");
    assertThat(ActionItemState.listed()).isEqualTo("open, in_progress, done, wont_do");
  }

  @Test
  void areWrittenAsStoredAndShownInWords() {
    assertThat(json.writeValueAsString(List.of(PostmortemState.values())))
        .isEqualTo("[\"draft\",\"in_review\",\"published\"]");
    assertThat(json.writeValueAsString(List.of(ActionItemState.values())))
        .isEqualTo("[\"open\",\"in_progress\",\"done\",\"wont_do\"]");
    assertThat(PostmortemState.IN_REVIEW.words()).isEqualTo("in review");
    assertThat(ActionItemState.WONT_DO.words()).isEqualTo("wont do");
  }

  @Test
  void doneAndWontDoAreFinished() {
    assertThat(Arrays.stream(ActionItemState.values()).filter(ActionItemState::finished))
        .containsExactly(ActionItemState.DONE, ActionItemState.WONT_DO);
  }

  @Test
  void onlyTheStoredSpellingIsAState() {
    assertThat(PostmortemState.parse("in_review")).contains(PostmortemState.IN_REVIEW);
    assertThat(PostmortemState.parse("in review")).isEmpty();
    assertThat(PostmortemState.parse("PUBLISHED")).isEmpty();
    assertThat(ActionItemState.parse("finished")).isEmpty();
    assertThat(ActionItemState.parse(null)).isEmpty();
  }
}
