package dev.vigil.notify;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable jobs of notification delivery. */
@Configuration(proxyBeanMethods = false)
class NotifyJobs {

  @Bean
  CustomTask<Long> deliverNotificationTask(Notifier notifier) {
    return Tasks.custom(Notifier.DELIVER).execute((instance, context) -> notifier.deliver(instance.getData()));
  }
}
