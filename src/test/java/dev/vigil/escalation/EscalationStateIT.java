package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.CheckConstraints;
import dev.vigil.IntegrationTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The escalation states Java knows are the ones the table's check constraint allows, stored as spelled there. */
@IntegrationTest
class EscalationStateIT {

  @Autowired JdbcClient jdbc;

  @Test
  void mirrorsTheCheckConstraint() {
    CheckConstraints.assertMirrored(jdbc, "escalation", "state", EscalationState.class);
    assertThat(EscalationState.of("waiting")).isEqualTo(EscalationState.WAITING);
  }

  @Test
  void onlyAWaitingOrActiveEscalationHasAStepToPage() {
    assertThat(Arrays.stream(EscalationState.values()).filter(EscalationState::pending))
        .containsExactly(EscalationState.WAITING, EscalationState.ACTIVE);
  }
}
