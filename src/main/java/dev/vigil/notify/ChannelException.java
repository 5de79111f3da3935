package dev.vigil.notify;

/** A send that failed; {@code permanent} failures (a refused address) are not retried on the same contact method. */
public class ChannelException extends Exception {

  private final boolean permanent;

  public ChannelException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public ChannelException(String message, boolean permanent) {
    this(message, permanent, null);
  }

  public boolean permanent() {
    return permanent;
  }
}
