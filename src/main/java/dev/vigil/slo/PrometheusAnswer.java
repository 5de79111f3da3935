package dev.vigil.slo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a Prometheus-compatible source answered to an instant query: the series it returned, or why it did not. */
sealed interface PrometheusAnswer permits PrometheusAnswer.Vector, PrometheusFailure {

  /** One series of an instant vector: its labels and its value, which may be NaN or infinite as PromQL allows. */
  record Series(Map<String, String> labels, double value) {
    public Series {
      labels = Map.copyOf(labels);
    }

    /** The labels as PromQL writes them, for messages naming a series. */
    String describe() {
      return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /**
   * The series an instant query returned (a scalar result is one series without labels); none at all is the
   * source saying it has no data.
   *
   * @param source the data source's name
   * @param query the PromQL sent
   */
  record Vector(String source, String query, List<Series> series) implements PrometheusAnswer {
    public Vector {
      series = List.copyOf(series);
    }

    /** This answer when it holds one number or none (no data), else the failure naming the several series. */
    PrometheusAnswer oneNumber() {
      return series.size() > 1 ? several(source, query, series) : this;
    }

    /** The value of the only series, empty when there is none. */
    Optional<Double> value() {
      return series.stream().map(Series::value).findFirst();
    }
  }

  /** The failure of a query that returned several series where one number was needed. */
  static PrometheusFailure several(String source, String query, List<Series> series) {
    return new PrometheusFailure(source, query, PrometheusFailure.Cause.UNEXPECTED_RESULT, series.size()
        + " series where one number is needed (" + series.stream().limit(5).map(Series::describe)
        .collect(Collectors.joining(", ")) + (series.size() > 5 ? ", ..." : "")
        + "); aggregate them, e.g. with sum(...)");
  }
}
