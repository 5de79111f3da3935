package dev.vigil;

import dev.vigil.system.ManualJobs;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Spring Boot test of time-driven behaviour told as a {@link Scenario}: the running application on the embedded
 * PostgreSQL, but no job runs until the test runs the due ones. All such tests share one configuration, so Spring
 * starts this application once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = VigilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "vigil.jobs.enabled=false")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, ManualJobs.class, Scenario.class, Scenario.Webhooks.class})
public @interface ScenarioTest {}
