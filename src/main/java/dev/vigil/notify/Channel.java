package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;

/** Sends messages of one contact-method type (email, SMS, voice, Slack, Teams, webhook). */
public interface Channel {

  ContactType type();

  /**
   * Sends the message and returns the provider's id for it (a Message-ID, a Twilio SID...). Throws
   * {@link ChannelException} when the provider refused or could not be reached.
   */
  String send(Message message) throws ChannelException;
}
