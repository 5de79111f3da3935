package dev.vigil.web;

/** A request that conflicts with the state of things, such as editing an object managed by a config file; a 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
