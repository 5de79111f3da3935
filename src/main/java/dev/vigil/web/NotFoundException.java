package dev.vigil.web;

/** A named thing that does not exist; a 404 with the message as its detail. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
