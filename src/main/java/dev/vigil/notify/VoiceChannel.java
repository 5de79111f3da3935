package dev.vigil.notify;

import dev.vigil.system.PublicUrl;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.IncidentSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Pages by phone call: the provider calls, reads the incident out twice for someone woken by the ring, and takes a
 * key press: 4 acknowledges, 6 resolves (the same codes as SMS replies).
 */
@Component
class VoiceChannel implements Channel {

  private final TelephonyProvider provider;
  private final String baseUrl;

  VoiceChannel(TelephonyProvider provider, PublicUrl publicUrl) {
    this.provider = provider;
    this.baseUrl = publicUrl.base();
  }

  @Override
  public ContactType type() {
    return ContactType.VOICE;
  }

  @Override
  public String send(Message message) throws ChannelException {
    return provider.call(message.address(), twiml(message, baseUrl));
  }

  /**
   * Inline TwiML that says the incident, pauses, says it again and asks for a key. The key press goes to the
   * Gather's action URL, which names the incident and the person called; Twilio signs that URL with the rest of its
   * request, so neither can be changed on the way.
   */
  static String twiml(Message message, String baseUrl) {
    if (message.notice() != null) {
      String say = "<Say>" + NotificationText.xml("Vigil. " + NotificationText.truncate(
          NotificationText.oneLine(message.notice().subject()), 300) + ".") + "</Say>";
      return "<Response>" + say + "<Pause length=\"1\"/>" + say + "<Say>Goodbye.</Say></Response>";
    }
    IncidentSummary incident = message.incident();
    if (message.bulletin() != null) {
      return "<Response><Say>" + NotificationText.xml("Message from Vigil. "
          + NotificationText.truncate(NotificationText.oneLine(message.bulletin().subject()), 300)) + "</Say></Response>";
    }
    String speech = "Vigil alert. Incident " + incident.id() + ", " + incident.urgency() + " urgency, on service "
        + NotificationText.oneLine(incident.service()) + ". "
        + NotificationText.truncate(NotificationText.oneLine(incident.title()), 300) + "."
        + switch (message.bundled().size()) {
          case 0 -> "";
          case 1 -> " 1 more incident is open.";
          default -> " " + message.bundled().size() + " more incidents are open.";
        };
    String say = "<Say>" + NotificationText.xml(speech) + "</Say>";
    String action = baseUrl + TwilioController.VOICE_PATH + "?incident=" + incident.id() + "&user="
        + URLEncoder.encode(message.user(), StandardCharsets.UTF_8);
    return "<Response><Gather numDigits=\"1\" timeout=\"10\" method=\"POST\" action=\""
        + NotificationText.xml(action) + "\">" + say + "<Pause length=\"1\"/>" + say
        + "<Say>" + PROMPT + "</Say></Gather>"
        + "<Say>No key was pressed. Acknowledge with the links sent to you, or in Vigil. Goodbye.</Say></Response>";
  }

  /** What the caller is asked to press. */
  static final String PROMPT = "Press 4 to acknowledge, or 6 to resolve.";
}
