package dev.vigil.system;

import java.util.List;

/** Input that is wrong in a way its sender can fix, with one problem per field, each naming the field. */
public final class InvalidException extends DomainProblem {

  private final List<String> problems;

  /** One problem, whose message starts with the field it is about ({@code "text: a note needs some text"}). */
  public InvalidException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found, so that the sender can fix them all at once. */
  public InvalidException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid input has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, each naming its field and what is wrong with it. */
  public List<String> problems() {
    return problems;
  }
}
