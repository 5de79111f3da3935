package dev.vigil.incident;

import dev.vigil.system.NotFoundException;

/**
 * The integration a request was for was deleted while the request was being stored; nothing of it was stored, and
 * the sender hears what it would hear a moment later: that the key is unknown.
 */
public class IntegrationGoneException extends NotFoundException {
  IntegrationGoneException() {
    super("unknown integration key");
  }
}
