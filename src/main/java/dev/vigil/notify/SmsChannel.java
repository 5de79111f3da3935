package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import org.springframework.stereotype.Component;

/**
 * Pages by text message: {@code Vigil #42 high api: API 5xx above 5%. Reply 4 to ack, 6 to resolve.}, shortened
 * to one 160-character SMS where the title allows. Replies come back through {@link TwilioController}.
 */
@Component
class SmsChannel implements Channel {

  static final int SMS_LENGTH = 160;
  private static final String REPLY_CODES = " Reply 4 to ack, 6 to resolve.";

  private final TelephonyProvider provider;

  SmsChannel(TelephonyProvider provider) {
    this.provider = provider;
  }

  @Override
  public ContactType type() {
    return ContactType.SMS;
  }

  @Override
  public String send(Message message) throws ChannelException {
    return provider.sendSms(message.address(), text(message));
  }

  static String text(Message message) {
    return switch (message.content()) {
      case Page page -> text(page);
      case Bulletin bulletin -> NotificationText.truncate("Vigil: " + NotificationText.oneLine(bulletin.subject()),
          SMS_LENGTH);
      case Notice notice -> NotificationText.truncate("Vigil: " + NotificationText.oneLine(notice.subject()),
          SMS_LENGTH);
    };
  }

  private static String text(Page page) {
    IncidentSummary incident = page.incident();
    String prefix = "Vigil #" + incident.id() + " " + incident.urgency() + " "
        + NotificationText.oneLine(incident.service()) + ": ";
    String suffix = "." + NotificationText.more(page) + REPLY_CODES;
    String title = NotificationText.oneLine(incident.title());
    if (title.endsWith(".")) {
      title = title.substring(0, title.length() - 1);
    }
    // Keep at least a few characters of the title even when the service name is long.
    int room = Math.max(20, SMS_LENGTH - prefix.length() - suffix.length());
    return prefix + NotificationText.truncate(title, room) + suffix;
  }
}
