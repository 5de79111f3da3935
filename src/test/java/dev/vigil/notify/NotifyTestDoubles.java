package dev.vigil.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Test stand-ins, picked up by the integration tests' shared application: the outbox that records which incident
 * was paged to which number is not part of this feature's tests, so SMS replies look up numbers a test registered
 * (falling back to the real lookup); and delivery reports are recorded, then passed on to any real recipient.
 */
@Configuration(proxyBeanMethods = false)
class NotifyTestDoubles {

  @Bean
  @Primary
  TestPageLookup testPageLookup(JdbcPageLookup real) {
    return new TestPageLookup(real);
  }

  @Bean
  @Primary
  RecordingDeliveryReports recordingDeliveryReports(ObjectProvider<DeliveryReports> all) {
    return new RecordingDeliveryReports(all);
  }

  /** SMS pages registered by a test, else the real lookup. */
  static final class TestPageLookup implements PageLookup {
    private final Map<String, Optional<PagedIncident>> pages = new ConcurrentHashMap<>();
    private final PageLookup real;

    TestPageLookup(PageLookup real) {
      this.real = real;
    }

    void paged(String number, long incidentId, String user) {
      pages.put(number, Optional.of(new PagedIncident(incidentId, user)));
    }

    /** A number nothing was paged to. */
    void neverPaged(String number) {
      pages.put(number, Optional.empty());
    }

    void clear() {
      pages.clear();
    }

    @Override
    public Optional<PagedIncident> latestIncidentForAddress(String address) {
      Optional<PagedIncident> page = pages.get(address);
      return page != null ? page : real.latestIncidentForAddress(address);
    }
  }

  /** Records every report, then hands it to the application's own recipient if it has one. */
  static final class RecordingDeliveryReports implements DeliveryReports {
    /** One report; {@code error} is null for a delivery. */
    record Report(String providerId, String error) {}

    final List<Report> reports = new CopyOnWriteArrayList<>();
    private final ObjectProvider<DeliveryReports> all;

    RecordingDeliveryReports(ObjectProvider<DeliveryReports> all) {
      this.all = all;
    }

    @Override
    public void delivered(String providerId) {
      reports.add(new Report(providerId, null));
      all.orderedStream().filter(r -> r != this).forEach(r -> r.delivered(providerId));
    }

    @Override
    public void failed(String providerId, String error) {
      reports.add(new Report(providerId, error));
      all.orderedStream().filter(r -> r != this).forEach(r -> r.failed(providerId, error));
    }
  }
}
