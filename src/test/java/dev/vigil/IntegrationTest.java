package dev.vigil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Spring Boot test on a real HTTP port and the embedded PostgreSQL. All such tests share one configuration, so
 * Spring starts the application (and its database) once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = VigilApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, TestDatabaseConfiguration.class})
public @interface IntegrationTest {

  /** The admin token every integration test may use (set in application-test.yml). */
  String ADMIN_TOKEN = "vgl_test-admin-token-0123456789abcdef";
}
