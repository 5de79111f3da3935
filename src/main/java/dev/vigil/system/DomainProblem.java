package dev.vigil.system;

/**
 * A problem of Vigil's domain that whoever asked can fix or must be told of: input that is invalid, a thing that
 * does not exist, or a request the state of things refuses. Features throw these without knowing about HTTP; the
 * web layer answers each kind once, as problem+json for the API and as a page for the UI.
 */
public abstract sealed class DomainProblem extends RuntimeException
    permits InvalidException, NotFoundException, RefusedException {

  DomainProblem(String message) {
    super(message);
  }
}
