package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import dev.vigil.system.PublicUrl;
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
   * request, so neither can be changed on the way. A bulletin or a notice is said with nothing to press.
   */
  static String twiml(Message message, String baseUrl) {
    return switch (message.content()) {
      case Page page -> twiml(message.user(), page, baseUrl);
      case Bulletin bulletin -> "<Response><Say>" + NotificationText.xml("Message from Vigil. "
          + NotificationText.truncate(NotificationText.oneLine(bulletin.subject()), 300)) + "</Say></Response>";
      case Notice notice -> {
        String say = "<Say>" + NotificationText.xml("Vigil. " + NotificationText.truncate(
            NotificationText.oneLine(notice.subject()), 300) + ".") + "</Say>";
        yield "<Response>" + say + "<Pause length=\"1\"/>" + say + "<Say>Goodbye.</Say></Response>";
      }
    };
  }

  private static String twiml(String user, Page page, String baseUrl) {
    IncidentSummary incident = page.incident();
    String speech = "Vigil alert. Incident " + incident.id() + ", " + incident.urgency() + " urgency, on service "
        + NotificationText.oneLine(incident.service()) + ". "
        + NotificationText.truncate(NotificationText.oneLine(incident.title()), 300) + "."
        + switch (page.bundled().size()) {
          case 0 -> "";
          case 1 -> " 1 more incident is open.";
          default -> " " + page.bundled().size() + " more incidents are open.";
        };
    String say = "<Say>" + NotificationText.xml(speech) + "</Say>";
    String action = baseUrl + TwilioController.VOICE_PATH + "?incident=" + incident.id() + "&user="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    return "<Response><Gather numDigits=\"1\" timeout=\"10\" method=\"POST\" action=\""
        + NotificationText.xml(action) + "\">" + say + "<Pause length=\"1\"/>" + say
        + "<Say>" + PROMPT + "</Say></Gather>"
        + "<Say>No key was pressed. Acknowledge with the links sent to you, or in Vigil. Goodbye.</Say></Response>";
  }

  /** What the caller is asked to press. */
  static final String PROMPT = "Press 4 to acknowledge, or 6 to resolve.";
}
