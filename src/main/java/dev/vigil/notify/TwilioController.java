package dev.vigil.notify;

import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.Incidents;
import dev.vigil.notify.PageLookup.PagedIncident;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks, each checked with {@code X-Twilio-Signature} against the public URL Twilio was given:
 * {@code /api/v1/twilio/sms} takes SMS replies ({@code 4}/{@code ack} acknowledges, {@code 6}/{@code resolve}
 * resolves the latest incident paged to the sender) and answers in TwiML; {@code /api/v1/twilio/voice} takes the
 * key pressed during a paging call (4 acknowledges, 6 resolves the incident the call was about);
 * {@code /api/v1/twilio/status} takes delivery reports of messages and calls.
 */
@RestController
class TwilioController {

  static final String SMS_PATH = "/api/v1/twilio/sms";
  static final String STATUS_PATH = "/api/v1/twilio/status";
  static final String VOICE_PATH = "/api/v1/twilio/voice";

  private static final Logger log = LoggerFactory.getLogger(TwilioController.class);
  private static final MediaType TWIML = MediaType.parseMediaType("text/xml;charset=UTF-8");
  private static final Set<String> ACKNOWLEDGE = Set.of("4", "ack", "acknowledge");
  private static final Set<String> RESOLVE = Set.of("6", "resolve");
  private static final Set<String> FAILED_MESSAGE = Set.of("failed", "undelivered");
  private static final Set<String> FAILED_CALL = Set.of("busy", "no-answer", "failed", "canceled");

  private final NotifyProperties properties;
  private final PublicUrl publicUrl;
  private final PageLookup pages;
  private final IncidentService lifecycle;
  private final Incidents incidents;
  private final ObjectProvider<DeliveryReports> reports;

  TwilioController(NotifyProperties properties, PublicUrl publicUrl, PageLookup pages, IncidentService lifecycle, Incidents incidents,
      ObjectProvider<DeliveryReports> reports) {
    this.properties = properties;
    this.publicUrl = publicUrl;
    this.pages = pages;
    this.lifecycle = lifecycle;
    this.incidents = incidents;
    this.reports = reports;
  }

  /** An SMS reply, as Twilio sends it: 4 or ack acknowledges, 6 or resolve resolves the latest incident paged. */
  @ApiResponse(responseCode = "200", description = "The reply to send back, in TwiML",
      content = @Content(mediaType = "text/xml", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "403", description = "X-Twilio-Signature is missing or does not match",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @PostMapping(path = SMS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> sms(HttpServletRequest request, @RequestBody(required = false) String body,
      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
    return whenSigned(request, SMS_PATH, body, signature, form -> smsReply(form));
  }

  private ResponseEntity<String> smsReply(Map<String, List<String>> form) {
    String from = Forms.first(form, "From");
    String text = Optional.ofNullable(Forms.first(form, "Body")).orElse("").strip().toLowerCase(Locale.ROOT);
    boolean acknowledge = ACKNOWLEDGE.contains(text);
    if (!acknowledge && !RESOLVE.contains(text)) {
      return reply("Vigil: reply 4 to acknowledge or 6 to resolve the latest incident paged to you.");
    }
    Optional<PagedIncident> paged = from == null ? Optional.empty() : pages.latestIncidentForAddress(from.strip());
    if (paged.isEmpty()) {
      return reply("Vigil: no incident was paged to this number.");
    }
    long id = paged.get().incidentId();
    try {
      if (acknowledge) {
        lifecycle.acknowledge(id, paged.get().user(), "sms");
      } else {
        lifecycle.resolve(id, paged.get().user(), "sms");
      }
    } catch (NotFoundException e) {
      return reply("Vigil: incident #" + id + " no longer exists.");
    }
    Optional<IncidentFacts> incident = incidents.find(id);
    String title = incident.map(i -> ": " + NotificationText.truncate(NotificationText.oneLine(i.title()), 100))
        .orElse("");
    boolean alreadyResolved = acknowledge && incident.map(IncidentFacts::status).orElse(null) == IncidentStatus.RESOLVED;
    String done = alreadyResolved ? "is already resolved" : acknowledge ? "acknowledged"
        : "resolved";
    log.info("Incident {} {} by {} through an SMS reply", id, acknowledge ? "acknowledged" : "resolved",
        paged.get().user());
    return reply("Vigil #" + id + " " + done + title);
  }

  /** A key pressed during a paging call; the incident and the person called are in the (signed) action URL. */
  @ApiResponse(responseCode = "200", description = "What to say back, in TwiML",
      content = @Content(mediaType = "text/xml", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "403", description = "X-Twilio-Signature is missing or does not match",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @PostMapping(path = VOICE_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> voice(HttpServletRequest request, @RequestBody(required = false) String body,
      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
    return whenSigned(request, VOICE_PATH, body, signature, form -> keyPress(request, form));
  }

  private ResponseEntity<String> keyPress(HttpServletRequest request, Map<String, List<String>> form) {
    Map<String, List<String>> query = Forms.parse(request.getQueryString());
    String user = Forms.first(query, "user");
    long id;
    try {
      id = Long.parseLong(Optional.ofNullable(Forms.first(query, "incident")).orElse(""));
    } catch (NumberFormatException e) {
      return say("This call is not about an incident Vigil knows. Goodbye.");
    }
    String digits = Optional.ofNullable(Forms.first(form, "Digits")).orElse("").strip();
    boolean acknowledge = digits.equals("4");
    if (user == null || (!acknowledge && !digits.equals("6"))) {
      return say("Nothing was changed. " + VoiceChannel.PROMPT.replace("Press", "Next time, press")
          + " Goodbye.");
    }
    try {
      if (acknowledge) {
        lifecycle.acknowledge(id, user, "voice");
      } else {
        lifecycle.resolve(id, user, "voice");
      }
    } catch (NotFoundException e) {
      return say("Incident " + id + " no longer exists. Goodbye.");
    }
    boolean alreadyResolved = acknowledge
        && incidents.find(id).map(IncidentFacts::status).orElse(null) == IncidentStatus.RESOLVED;
    log.info("Incident {} {} by {} through a key press on a call", id, acknowledge ? "acknowledged" : "resolved",
        user);
    return say("Incident " + id + (alreadyResolved ? " is already resolved"
        : acknowledge ? " acknowledged" : " resolved") + ". Goodbye.");
  }

  /** A delivery report of a message or a call, as Twilio sends it. */
  @ApiResponse(responseCode = "204", description = "Recorded")
  @ApiResponse(responseCode = "403", description = "X-Twilio-Signature is missing or does not match",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @PostMapping(path = STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> status(HttpServletRequest request, @RequestBody(required = false) String body,
      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
    return whenSigned(request, STATUS_PATH, body, signature, form -> statusReport(form));
  }

  private ResponseEntity<String> statusReport(Map<String, List<String>> form) {
    String messageSid = Forms.first(form, "MessageSid");
    String messageStatus = Forms.first(form, "MessageStatus");
    String callSid = Forms.first(form, "CallSid");
    String callStatus = Forms.first(form, "CallStatus");
    String errorCode = Forms.first(form, "ErrorCode");
    DeliveryReports target = reports.getIfAvailable();
    if (target == null) {
      log.debug("Twilio status report dropped: nothing records delivery reports");
    } else if (messageSid != null && messageStatus != null) {
      if (messageStatus.equals("delivered")) {
        target.delivered(messageSid);
      } else if (FAILED_MESSAGE.contains(messageStatus)) {
        target.failed(messageSid, "SMS " + messageStatus + (errorCode == null ? "" : " (Twilio error " + errorCode
            + ")"));
      }
    } else if (callSid != null && callStatus != null) {
      if (callStatus.equals("completed")) {
        target.delivered(callSid);
      } else if (FAILED_CALL.contains(callStatus)) {
        target.failed(callSid, "call " + callStatus);
      }
    }
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<String> say(String text) {
    return ResponseEntity.ok().contentType(TWIML)
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>" + NotificationText.xml(text)
            + "</Say></Response>");
  }

  /** Answers with {@code handler} when Twilio signed the request, else 403. */
  private ResponseEntity<String> whenSigned(HttpServletRequest request, String path, String body, String signature,
      Function<Map<String, List<String>>, ResponseEntity<String>> handler) {
    Map<String, List<String>> form = Forms.parse(body);
    return signed(request, path, form, signature) ? handler.apply(form) : forbidden();
  }

  private boolean signed(HttpServletRequest request, String path, Map<String, List<String>> form, String signature) {
    String authToken = properties.twilio().authToken();
    if (NotifyProperties.blank(authToken)) {
      log.warn("A Twilio webhook arrived but VIGIL_TWILIO_AUTH_TOKEN is not set: refused");
      return false;
    }
    // Twilio signs the URL it was configured with, which behind a proxy is not the one this server sees.
    String url = publicUrl.base() + path
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (!TwilioSignature.valid(authToken, url, form, signature)) {
      log.warn("A Twilio webhook to {} was refused: X-Twilio-Signature does not match {}", path, url);
      return false;
    }
    return true;
  }

  private static ResponseEntity<String> forbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
        .body("X-Twilio-Signature is missing or does not match.\n");
  }

  private static ResponseEntity<String> reply(String text) {
    return ResponseEntity.ok().contentType(TWIML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Response><Message>" + NotificationText.xml(text) + "</Message></Response>");
  }
}
