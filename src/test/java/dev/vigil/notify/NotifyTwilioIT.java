package dev.vigil.notify;

import static dev.vigil.notify.NotifyITSupport.lastEvent;
import static dev.vigil.notify.NotifyITSupport.postForm;
import static dev.vigil.notify.NotifyITSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertIngest;
import dev.vigil.notify.NotifyTestDoubles.RecordingDeliveryReports.Report;
import dev.vigil.notify.NotifyTestDoubles.RecordingDeliveryReports;
import dev.vigil.notify.NotifyTestDoubles.TestPageLookup;
import dev.vigil.system.PublicUrl;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Twilio's SMS reply and status webhooks on the running application, signed as Twilio signs them. */
@IntegrationTest
class NotifyTwilioIT {

  static final String AUTH_TOKEN = "test-twilio-auth-token";
  static final String PHONE = "+4915112345678";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired AlertIngest ingest;
  @Autowired PublicUrl publicUrl;
  @Autowired TestPageLookup pages;
  @Autowired RecordingDeliveryReports reports;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    NotifyITSupport.resetCatalog(jdbc, catalog);
    reports.reports.clear();
  }

  @AfterEach
  void forgetPages() {
    pages.clear();
  }

  /** Twilio's signature, computed with the JDK alone: URL, then each parameter name and value sorted by name. */
  static String sign(String token, String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> webhook(String path, Map<String, String> params, String token) throws Exception {
    String body = params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return postForm(port, path, body, "X-Twilio-Signature", sign(token, publicUrl.base() + path, params));
  }

  HttpResponse<String> reply(String from, String text, String token) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", "SM" + "0".repeat(31) + "9");
    params.put("AccountSid", "AC" + "0".repeat(31) + "1");
    params.put("From", from);
    params.put("To", "+15005550006");
    params.put("Body", text);
    params.put("NumMedia", "0");
    return webhook("/api/v1/twilio/sms", params, token);
  }

  /** The text of the TwiML reply's Message. */
  static String twimlMessage(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    Document twiml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(response.body())));
    assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
    return twiml.getElementsByTagName("Message").item(0).getTextContent();
  }

  @Test
  void replying4AcknowledgesTheLatestIncidentPagedToTheNumber() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx <above> 5% & rising");
    pages.paged(PHONE, id, "alice");

    HttpResponse<String> response = reply(PHONE, " 4 ", AUTH_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("&lt;above&gt;").doesNotContain("<above>");
    assertThat(twimlMessage(response)).isEqualTo("Vigil #" + id + " acknowledged: API 5xx <above> 5% & rising");
    assertThat(status(jdbc, id)).isEqualTo("acknowledged");
    assertThat(lastEvent(jdbc, id)).containsExactly("acknowledged", "alice", "sms");

    assertThat(twimlMessage(reply(PHONE, "Resolve", AUTH_TOKEN))).startsWith("Vigil #" + id + " resolved");
    assertThat(status(jdbc, id)).isEqualTo("resolved");
    assertThat(lastEvent(jdbc, id)).containsExactly("resolved", "alice", "sms");
  }

  HttpResponse<String> keyPress(long incident, String user, String digits, String token) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallSid", "CA" + "0".repeat(31) + "7");
    params.put("AccountSid", "AC" + "0".repeat(31) + "1");
    params.put("From", "+15005550006");
    params.put("To", PHONE);
    params.put("Digits", digits);
    String path = "/api/v1/twilio/voice?incident=" + incident + "&user=" + user;
    return webhook(path, params, token);
  }

  /** The text of the TwiML reply's Say. */
  static String twimlSay(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    Document twiml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(response.body())));
    return twiml.getElementsByTagName("Say").item(0).getTextContent();
  }

  @Test
  void aKeyPressDuringTheCallAcknowledgesOrResolvesItsIncident() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");

    assertThat(twimlSay(keyPress(id, "alice", "9", AUTH_TOKEN))).startsWith("Nothing was changed");
    assertThat(status(jdbc, id)).isEqualTo("triggered");
    assertThat(keyPress(id, "mallory", "4", "not-the-auth-token").statusCode()).isEqualTo(403);
    assertThat(status(jdbc, id)).isEqualTo("triggered");

    HttpResponse<String> acknowledged = keyPress(id, "alice", "4", AUTH_TOKEN);
    assertThat(acknowledged.statusCode()).isEqualTo(200);
    assertThat(twimlSay(acknowledged)).isEqualTo("Incident " + id + " acknowledged. Goodbye.");
    assertThat(status(jdbc, id)).isEqualTo("acknowledged");
    assertThat(lastEvent(jdbc, id)).containsExactly("acknowledged", "alice", "voice");

    assertThat(twimlSay(keyPress(id, "alice", "6", AUTH_TOKEN))).isEqualTo("Incident " + id + " resolved. Goodbye.");
    assertThat(status(jdbc, id)).isEqualTo("resolved");
    assertThat(lastEvent(jdbc, id)).containsExactly("resolved", "alice", "voice");
    assertThat(twimlSay(keyPress(999_999, "alice", "4", AUTH_TOKEN))).contains("no longer exists");
  }

  @Test
  void aWrongSignatureIsRefusedAndChangesNothing() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");
    pages.paged(PHONE, id, "alice");

    assertThat(reply(PHONE, "4", "not-the-auth-token").statusCode()).isEqualTo(403);
    assertThat(postForm(port, "/api/v1/twilio/sms", "From=%2B4915112345678&Body=4").statusCode()).as("unsigned")
        .isEqualTo(403);
    assertThat(status(jdbc, id)).isEqualTo("triggered");
  }

  @Test
  void otherTextsAndUnknownNumbersGetAnAnswerAndChangeNothing() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");
    pages.paged(PHONE, id, "alice");
    pages.neverPaged("+4915199999999");
    assertThat(twimlMessage(reply(PHONE, "on my way", AUTH_TOKEN))).contains("reply 4 to acknowledge or 6 to resolve");
    assertThat(twimlMessage(reply("+4915199999999", "4", AUTH_TOKEN))).contains("no incident was paged");
    assertThat(status(jdbc, id)).isEqualTo("triggered");
  }

  @Test
  void statusCallbacksReportDeliveryAndFailureOfMessagesAndCalls() throws Exception {
    String path = "/api/v1/twilio/status";
    assertThat(webhook(path, Map.of("MessageSid", "SM1", "MessageStatus", "sent"), AUTH_TOKEN).statusCode())
        .isEqualTo(204);
    assertThat(webhook(path, Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), AUTH_TOKEN).statusCode())
        .isEqualTo(204);
    webhook(path, Map.of("MessageSid", "SM2", "MessageStatus", "undelivered", "ErrorCode", "30003"), AUTH_TOKEN);
    webhook(path, Map.of("CallSid", "CA1", "CallStatus", "completed"), AUTH_TOKEN);
    webhook(path, Map.of("CallSid", "CA2", "CallStatus", "no-answer"), AUTH_TOKEN);
    assertThat(webhook(path, Map.of("MessageSid", "SM3", "MessageStatus", "delivered"), "wrong").statusCode())
        .isEqualTo(403);

    assertThat(reports.reports).containsExactly(
        new Report("SM1", null),
        new Report("SM2", "SMS undelivered (Twilio error 30003)"),
        new Report("CA1", null),
        new Report("CA2", "call no-answer"));
  }
}
