package dev.vigil.notify;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable jobs of notification delivery. */
@Configuration(proxyBeanMethods = false)
class NotifyJobs {

  @Bean
  CustomTask<Long> deliverNotificationTask(Delivery delivery) {
    return Tasks.custom(Delivery.DELIVER).execute((instance, context) -> delivery.deliver(instance.getData()));
  }
}
