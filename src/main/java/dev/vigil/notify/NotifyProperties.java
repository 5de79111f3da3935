package dev.vigil.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Vigil reaches people ({@code vigil.notify.*}): the credentials of the
 * mail server, Slack, Twilio and outgoing webhooks. Secrets come from environment variables and are masked in
 * {@code toString}, so that logging the configuration never leaks them.
 *
 * @param actionLinkLifetime how long a signed acknowledge or resolve link works after it was created
 * @param smtp the mail server email notifications go through
 * @param slack the Slack app's credentials
 * @param twilio the Twilio account SMS and voice calls go through
 * @param webhook outgoing webhook settings
 * @param delivery retries, back-off and rate limits of delivery
 */
@ConfigurationProperties("vigil.notify")
public record NotifyProperties(Duration actionLinkLifetime, Smtp smtp, Slack slack,
    Twilio twilio, Webhook webhook, DeliveryProperties delivery) {

  public NotifyProperties {
    actionLinkLifetime = actionLinkLifetime == null ? Duration.ofHours(24) : actionLinkLifetime;
    if (actionLinkLifetime.isNegative() || actionLinkLifetime.isZero()) {
      throw new IllegalArgumentException("vigil.notify.action-link-lifetime must be positive");
    }
    smtp = smtp == null ? new Smtp(null, 0, null, null, null, false) : smtp;
    slack = slack == null ? new Slack(null, null, null) : slack;
    twilio = twilio == null ? new Twilio(null, null, null, null) : twilio;
    webhook = webhook == null ? new Webhook(null) : webhook;
    delivery = delivery == null ? new DeliveryProperties(null, null, null, null) : delivery;
  }

  /** The defaults, for code and tests that build a channel by hand. */
  public static NotifyProperties defaults() {
    return new NotifyProperties(null, null, null, null, null, null);
  }

  /**
   * The mail server ({@code vigil.notify.smtp.*}).
   *
   * @param host SMTP host ({@code VIGIL_SMTP_HOST})
   * @param port SMTP port ({@code VIGIL_SMTP_PORT}); 25 when unset
   * @param username user name to log in with, blank for none ({@code VIGIL_SMTP_USERNAME})
   * @param password password to log in with ({@code VIGIL_SMTP_PASSWORD})
   * @param from sender address of notification mails ({@code VIGIL_SMTP_FROM})
   * @param starttls whether to require STARTTLS before logging in ({@code VIGIL_SMTP_STARTTLS})
   */
  public record Smtp(String host, int port, String username, String password, String from, boolean starttls) {
    public Smtp {
      host = blank(host) ? "localhost" : host.strip();
      port = port <= 0 ? 25 : port;
      from = blank(from) ? "vigil@localhost" : from.strip();
    }

    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=" + mask(password)
          + ", from=" + from + ", starttls=" + starttls + "]";
    }
  }

  /**
   * The Slack app ({@code vigil.notify.slack.*}).
   *
   * @param botToken bot token ({@code xoxb-...}, {@code VIGIL_SLACK_BOT_TOKEN}) for contact methods whose address
   *     is a channel id rather than an incoming-webhook URL
   * @param signingSecret signing secret that Slack signs button clicks with ({@code VIGIL_SLACK_SIGNING_SECRET});
   *     without it every click is refused
   * @param apiBaseUrl base URL of Slack's Web API, for {@code chat.postMessage}
   */
  public record Slack(String botToken, String signingSecret, String apiBaseUrl) {
    public Slack {
      apiBaseUrl = stripSlash(blank(apiBaseUrl) ? "https://slack.com/api" : apiBaseUrl.strip());
    }

    @Override
    public String toString() {
      return "Slack[botToken=" + mask(botToken) + ", signingSecret=" + mask(signingSecret) + ", apiBaseUrl="
          + apiBaseUrl + "]";
    }
  }

  /**
   * The Twilio account ({@code vigil.notify.twilio.*}).
   *
   * @param baseUrl base URL of Twilio's REST API
   * @param accountSid account SID ({@code AC...}, {@code VIGIL_TWILIO_ACCOUNT_SID})
   * @param authToken auth token ({@code VIGIL_TWILIO_AUTH_TOKEN}); also the key Twilio signs its webhooks with
   * @param fromNumber the Twilio phone number SMS and calls come from, E.164 ({@code VIGIL_TWILIO_FROM_NUMBER})
   */
  public record Twilio(String baseUrl, String accountSid, String authToken, String fromNumber) {
    public Twilio {
      baseUrl = stripSlash(blank(baseUrl) ? "https://api.twilio.com" : baseUrl.strip());
    }

    /** Whether SMS and voice can be sent at all. */
    public boolean configured() {
      return !blank(accountSid) && !blank(authToken) && !blank(fromNumber);
    }

    @Override
    public String toString() {
      return "Twilio[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken=" + mask(authToken)
          + ", fromNumber=" + fromNumber + "]";
    }
  }

  /**
   * Outgoing webhooks ({@code vigil.notify.webhook.*}).
   *
   * @param signingSecret key of the {@code Vigil-Signature} header ({@code VIGIL_WEBHOOK_SIGNING_SECRET}); when
   *     blank, webhooks are sent unsigned
   */
  public record Webhook(String signingSecret) {
    @Override
    public String toString() {
      return "Webhook[signingSecret=" + mask(signingSecret) + "]";
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String mask(String secret) {
    return blank(secret) ? "<unset>" : "<set>";
  }
}
