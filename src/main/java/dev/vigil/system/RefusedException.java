package dev.vigil.system;

/** A request the state of things refuses, such as editing an object a configuration file manages. */
public final class RefusedException extends DomainProblem {

  public RefusedException(String message) {
    super(message);
  }
}
