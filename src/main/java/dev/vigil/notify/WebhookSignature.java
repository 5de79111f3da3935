package dev.vigil.notify;

/**
 * The {@code Vigil-Signature} header of the webhooks Vigil sends (pages, and status page subscriptions):
 * {@code t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "UNIX_TIME.BODY"))}, as docs/notifications.md documents.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  /** The header's value for {@code body} sent at {@code unixTime}. */
  public static String header(String secret, long unixTime, String body) {
    return "t=" + unixTime + ",v1=" + Hmac.sha256Hex(secret, unixTime + "." + body);
  }
}
