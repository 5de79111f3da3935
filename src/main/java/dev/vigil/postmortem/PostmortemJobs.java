package dev.vigil.postmortem;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.vigil.incident.RtoWatch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable jobs of running incidents: postmortem and action-item reminders, and RTO checks. */
@Configuration(proxyBeanMethods = false)
class PostmortemJobs {

  @Bean
  OneTimeTask<Postmortems.PostmortemReminder> postmortemReminderTask(Postmortems postmortems) {
    return Tasks.oneTime(Postmortems.POSTMORTEM_REMINDER)
        .execute((instance, context) -> postmortems.remind(instance.getData()));
  }

  @Bean
  OneTimeTask<Postmortems.ActionItemReminder> actionItemReminderTask(Postmortems postmortems) {
    return Tasks.oneTime(Postmortems.ACTION_ITEM_REMINDER)
        .execute((instance, context) -> postmortems.remind(instance.getData()));
  }

  @Bean
  OneTimeTask<RtoWatch.RtoCheck> rtoCheckTask(RtoWatch watch) {
    return Tasks.oneTime(RtoWatch.RTO_CHECK).execute((instance, context) -> watch.check(instance.getData()));
  }
}
