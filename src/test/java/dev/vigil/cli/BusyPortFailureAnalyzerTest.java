package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** A port taken after the command's own check is still reported in Vigil's words, ahead of Spring Boot's advice. */
class BusyPortFailureAnalyzerTest {

  @Test
  void aPortInUseNamesTheOptionsThatChooseAnother() {
    FailureAnalysis analysis = new BusyPortFailureAnalyzer()
        .analyze(new IllegalStateException("start failed", new PortInUseException(8080)));
    assertThat(analysis.getDescription())
        .isEqualTo("vigil: port 8080 is in use by another process; choose another with --port N or VIGIL_PORT=N.");
    assertThat(analysis.getAction()).contains("--port N").contains("VIGIL_PORT=N").doesNotContain("Identify");
  }

  @Test
  void itComesBeforeSpringBootsOwnAnalyzer() {
    List<String> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
            SpringFactoriesLoader.FailureHandler.logging(org.apache.commons.logging.LogFactory.getLog(getClass())))
        .stream().sorted(AnnotationAwareOrderComparator.INSTANCE).map(a -> a.getClass().getSimpleName()).toList();
    assertThat(analyzers).contains("BusyPortFailureAnalyzer", "PortInUseFailureAnalyzer");
    assertThat(analyzers.indexOf("BusyPortFailureAnalyzer")).isLessThan(analyzers.indexOf("PortInUseFailureAnalyzer"));
  }
}
