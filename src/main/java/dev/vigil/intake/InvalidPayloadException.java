package dev.vigil.intake;

import java.util.List;

/** A payload that cannot be taken as it is, with every problem found, each naming the field and where it is. */
class InvalidPayloadException extends RuntimeException {

  private final List<String> problems;

  InvalidPayloadException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
