package dev.vigil.catalog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an invalid config file at start-up as its list of problems, not as a stack trace. */
class InvalidCatalogFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCatalogException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCatalogException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Fix the file (check it with 'vigil validate FILE') and start Vigil again.", cause);
  }
}
