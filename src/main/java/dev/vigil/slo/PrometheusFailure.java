package dev.vigil.slo;

import java.util.Objects;

/**
 * Why a Prometheus-compatible source gave no number for a query: the source, the query and the cause, in words a
 * person reading the SLO can act on. Never carries the source's credentials.
 *
 * @param source the data source's name as declared in the catalog
 * @param query the PromQL that was sent
 * @param cause what kind of failure it was
 * @param detail what the source or the network said
 */
record PrometheusFailure(String source, String query, Cause cause, String detail)
    implements PrometheusAnswer, PrometheusReading {

  /** The kinds of failure, from the network to the shape of the result. */
  enum Cause {
    /** Nothing answered: connection refused, unknown host, reset. */
    UNREACHABLE,
    /** No answer within the source's timeout. */
    TIMEOUT,
    /** 401 or 403: the bearer token or basic auth is missing or wrong. */
    UNAUTHORIZED,
    /** Another HTTP status that is not a Prometheus API answer, such as a proxy's 502. */
    HTTP_STATUS,
    /** The API's own {@code status: error}, such as {@code bad_data} for a query that does not parse. */
    QUERY_ERROR,
    /** An answer that is not the number asked for: several series, a matrix, a negative count, not JSON. */
    UNEXPECTED_RESULT
  }

  PrometheusFailure {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(detail, "detail");
  }

  /** The failure as one sentence: which source, which query, and why. */
  String message() {
    return "Prometheus source '" + source + "' gave no number for " + query + ": " + detail;
  }

  @Override
  public String toString() {
    return cause + ": " + message();
  }
}
