package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.IncidentSummary;
import org.springframework.stereotype.Component;

/** Pages by phone call: the provider calls and reads the incident out twice, for someone woken by the ring. */
@Component
class VoiceChannel implements Channel {

  private final TelephonyProvider provider;

  VoiceChannel(TelephonyProvider provider) {
    this.provider = provider;
  }

  @Override
  public ContactType type() {
    return ContactType.VOICE;
  }

  @Override
  public String send(Message message) throws ChannelException {
    return provider.call(message.address(), twiml(message));
  }

  /** Inline TwiML that says the incident, pauses, and says it again. */
  static String twiml(Message message) {
    if (message.notice() != null) {
      String say = "<Say>" + NotificationText.xml("Vigil. " + NotificationText.truncate(
          NotificationText.oneLine(message.notice().subject()), 300) + ".") + "</Say>";
      return "<Response>" + say + "<Pause length=\"1\"/>" + say + "<Say>Goodbye.</Say></Response>";
    }
    IncidentSummary incident = message.incident();
    String speech = "Vigil alert. Incident " + incident.id() + ", " + incident.urgency() + " urgency, on service "
        + NotificationText.oneLine(incident.service()) + ". "
        + NotificationText.truncate(NotificationText.oneLine(incident.title()), 300) + "."
        + switch (message.bundled().size()) {
          case 0 -> "";
          case 1 -> " 1 more incident is open.";
          default -> " " + message.bundled().size() + " more incidents are open.";
        };
    String say = "<Say>" + NotificationText.xml(speech) + "</Say>";
    return "<Response>" + say + "<Pause length=\"1\"/>" + say
        + "<Say>Acknowledge with the links sent to you, or in Vigil. Goodbye.</Say></Response>";
  }
}
