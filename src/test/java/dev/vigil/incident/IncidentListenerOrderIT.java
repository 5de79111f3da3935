package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.AbstractApplicationEventMulticaster;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.core.ResolvableType;

/** The listeners that act on an incident's change inside its transaction run in the order declared for them. */
@IntegrationTest
class IncidentListenerOrderIT {

  @Autowired ApplicationContext context;

  @Test
  void listenersOfAnIncidentChangeRunInTheDeclaredOrder() throws Exception {
    AbstractApplicationEventMulticaster multicaster = context.getBean(AbstractApplicationEventMulticaster.class);
    // The multicaster's own answer, in the order it calls them: the one place the order can be read from.
    Method listeners = AbstractApplicationEventMulticaster.class.getDeclaredMethod("getApplicationListeners",
        ApplicationEvent.class, ResolvableType.class);
    listeners.setAccessible(true);
    PayloadApplicationEvent<IncidentChanged> event = new PayloadApplicationEvent<>(this,
        new IncidentChanged(IncidentChanged.Change.OPENED, null, new IncidentFacts(1, "Checkout errors", "api",
            IncidentStatus.TRIGGERED, "high", null, Instant.EPOCH, null, null, null, null, null)));
    @SuppressWarnings("unchecked")
    Collection<ApplicationListener<?>> found = (Collection<ApplicationListener<?>>) listeners.invoke(multicaster,
        event, event.getResolvableType());
    List<String> order = found.stream().filter(ApplicationListenerMethodAdapter.class::isInstance)
        .map(l -> ((ApplicationListenerMethodAdapter) l).getListenerId()).toList();
    // Every listener is named, so that a new one fails here until it has its place in IncidentListenerOrder.
    assertThat(order).containsExactly(
        "dev.vigil.escalation.EscalationEngine.on(dev.vigil.incident.IncidentChanged)",
        "dev.vigil.incident.RtoWatch.on(dev.vigil.incident.IncidentChanged)",
        "dev.vigil.incident.StatusUpdates.on(dev.vigil.incident.IncidentChanged)",
        "dev.vigil.postmortem.Postmortems.on(dev.vigil.incident.IncidentChanged)",
        "dev.vigil.statuspage.SubscriberMessages.on(dev.vigil.incident.IncidentChanged)");
  }
}
