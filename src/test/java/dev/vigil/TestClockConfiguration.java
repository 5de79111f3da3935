package dev.vigil;

import dev.vigil.system.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Gives integration tests the application's clock as a {@link TestClock} they can move. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

  @Bean
  @Primary
  TestClock testClock() {
    return new TestClock();
  }
}
