package dev.vigil.notify;

import dev.vigil.system.PublicUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends SMS through Twilio's Messages API and places calls through its Calls API with inline TwiML, asking Twilio
 * to report delivery to {@code /api/v1/twilio/status}.
 */
@Component
class TwilioProvider implements TelephonyProvider {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private final HttpSender http;
  private final JsonMapper json;
  private final NotifyProperties properties;
  private final PublicUrl publicUrl;

  TwilioProvider(HttpSender http, JsonMapper json, NotifyProperties properties, PublicUrl publicUrl) {
    this.http = http;
    this.json = json;
    this.properties = properties;
    this.publicUrl = publicUrl;
  }

  @Override
  public String sendSms(String to, String text) throws ChannelException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", number(to));
    form.put("From", properties.twilio().fromNumber());
    form.put("Body", text);
    form.put("StatusCallback", publicUrl.base() + TwilioController.STATUS_PATH);
    return create("SMS", "Messages.json", form);
  }

  @Override
  public String call(String to, String speech) throws ChannelException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", number(to));
    form.put("From", properties.twilio().fromNumber());
    form.put("Twiml", speech);
    form.put("StatusCallback", publicUrl.base() + TwilioController.STATUS_PATH);
    return create("voice call", "Calls.json", form);
  }

  private String create(String what, String resource, Map<String, String> form) throws ChannelException {
    NotifyProperties.Twilio twilio = properties.twilio();
    if (!twilio.configured()) {
      throw new ChannelException("Twilio " + what + ": set VIGIL_TWILIO_ACCOUNT_SID, VIGIL_TWILIO_AUTH_TOKEN and "
          + "VIGIL_TWILIO_FROM_NUMBER to send SMS and voice pages", true);
    }
    String url = twilio.baseUrl() + "/2010-04-01/Accounts/" + encode(twilio.accountSid()) + "/" + resource;
    String credentials = Base64.getEncoder().encodeToString(
        (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
    HttpSender.Response response = http.exchange("Twilio " + what, url, "application/x-www-form-urlencoded",
        formBody(form), Map.of("Authorization", "Basic " + credentials, "Accept", "application/json"));
    JsonNode answer = parse(response.body());
    if (!response.ok()) {
      String reason = answer.has("code")
          ? answer.path("code").asString("") + " " + answer.path("message").asString("")
          : HttpSender.errorBody(response.body());
      throw new ChannelException("Twilio refused the " + what + " (" + response.status() + "): " + reason.strip(),
          HttpSender.permanent(response.status()));
    }
    String sid = answer.path("sid").asString("");
    if (sid.isBlank()) {
      throw new ChannelException("Twilio accepted the " + what + " but answered no sid", false);
    }
    if ("failed".equals(answer.path("status").asString(""))) {
      throw new ChannelException("Twilio " + what + " " + sid + " failed at once", false);
    }
    return sid;
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  private static String number(String address) throws ChannelException {
    String number = address.strip();
    if (!E164.matcher(number).matches()) {
      throw new ChannelException("'" + address + "' is not a phone number in E.164 form (+4915112345678)", true);
    }
    return number;
  }

  static String formBody(Map<String, String> form) {
    return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
