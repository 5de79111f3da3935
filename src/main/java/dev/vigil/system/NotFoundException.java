package dev.vigil.system;

/** A named thing that does not exist, or that the asker may not know exists. */
public non-sealed class NotFoundException extends DomainProblem {

  public NotFoundException(String message) {
    super(message);
  }
}
