package dev.vigil.statuspage;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable jobs of status pages: delivering subscribers' messages, forgetting unconfirmed subscriptions. */
@Configuration(proxyBeanMethods = false)
class StatusPageJobs {

  @Bean
  CustomTask<Long> statusPageDeliveryTask(SubscriberDelivery delivery) {
    return Tasks.custom(SubscriberMessages.DELIVER).execute((instance, context) -> delivery.deliver(instance.getData()));
  }

  /** Unconfirmed email subscriptions past their confirmation period hold an address nobody agreed to; drop them. */
  @Bean
  RecurringTask<Void> statusPageCleanupTask(SubscriberRepository subscribers, StatusPageProperties properties,
      Clock clock) {
    return Tasks.recurring("status-page-unconfirmed-cleanup", FixedDelay.ofHours(1))
        .execute((instance, context) -> subscribers.deleteUnconfirmed(
            clock.instant().minus(properties.confirmationLifetime())));
  }
}
