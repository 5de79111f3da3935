package dev.vigil.escalation;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable jobs of escalation: policy steps and acknowledgement timeouts. */
@Configuration(proxyBeanMethods = false)
class EscalationJobs {

  @Bean
  OneTimeTask<EscalationEngine.Step> escalationStepTask(EscalationEngine engine) {
    return Tasks.oneTime(EscalationEngine.STEP).execute((instance, context) -> engine.execute(instance.getData()));
  }

  @Bean
  OneTimeTask<EscalationEngine.AckTimeout> acknowledgementTimeoutTask(EscalationEngine engine) {
    return Tasks.oneTime(EscalationEngine.ACK_TIMEOUT)
        .execute((instance, context) -> engine.execute(instance.getData()));
  }
}
