package dev.vigil.slo;

/** An OpenSLO document Vigil cannot read, naming the document, its line when known, and the field. */
public final class OpenSloException extends RuntimeException {

  OpenSloException(String message) {
    super(message);
  }
}
