package dev.vigil.web;

/** A request whose content is wrong in a way the client can fix; a 400 with the message as its detail. */
public class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }
}
