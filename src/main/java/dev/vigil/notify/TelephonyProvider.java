package dev.vigil.notify;

/**
 * A service that sends text messages and places voice calls to phone numbers; {@link SmsChannel} and
 * {@link VoiceChannel} page through it, so another provider can replace Twilio by implementing this.
 */
interface TelephonyProvider {

  /** Sends {@code text} to {@code to} (E.164) and returns the provider's message id. */
  String sendSms(String to, String text) throws ChannelException;

  /** Calls {@code to} (E.164), speaks {@code speech}, and returns the provider's call id. */
  String call(String to, String speech) throws ChannelException;
}
