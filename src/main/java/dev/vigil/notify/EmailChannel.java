package dev.vigil.notify;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import dev.vigil.system.PublicUrl;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a page as email through the configured SMTP server: plain text and HTML with the incident, the bundled
 * incidents and the acknowledge and resolve links. The Message-ID comes from the idempotency key, so a retried
 * send carries the same id and mail clients and servers can recognise the duplicate.
 */
@Component
class EmailChannel implements Channel {

  private final JavaMailSenderImpl mail;
  private final NotifyProperties properties;
  private final PublicUrl publicUrl;

  EmailChannel(NotifyProperties properties, PublicUrl publicUrl) {
    this.properties = properties;
    this.publicUrl = publicUrl;
    this.mail = MailSenders.of(properties.smtp());
  }

  @Override
  public ContactType type() {
    return ContactType.EMAIL;
  }

  @Override
  public String send(Message message) throws ChannelException {
    String messageId = messageId(message.idempotencyKey());
    MimeMessage mime = new MimeMessage(mail.getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(properties.smtp().from());
      helper.setTo(message.address().strip());
      helper.setSubject(NotificationText.subject(message));
      switch (message.content()) {
        case Page page -> helper.setText(plainText(message.user(), page, message.zone()),
            html(message.user(), page, message.zone()));
        case Bulletin bulletin -> helper.setText(bulletinText(message.user(), bulletin),
            bulletinHtml(message.user(), bulletin));
        case Notice notice -> helper.setText(notice.text(), "<!doctype html><html><body><pre style=\"font-family:"
            + "sans-serif;white-space:pre-wrap\">" + htmlEscape(notice.text()) + "</pre></body></html>");
      }
      // RFC 3834: out-of-office replies must not answer a page.
      mime.setHeader("Auto-Submitted", "auto-generated");
      switch (message.content()) {
        case Page page -> mime.setHeader("X-Vigil-Incident", Long.toString(page.incident().id()));
        case Bulletin bulletin -> mime.setHeader("X-Vigil-Incident", Long.toString(bulletin.incident().id()));
        case Notice notice -> {}
      }
    } catch (AddressException e) {
      throw new ChannelException("email: '" + message.address() + "' is not a valid address", true, e);
    } catch (MessagingException e) {
      throw new ChannelException("email: the message could not be built: " + e.getMessage(), true, e);
    }
    try {
      mail.send(mime);
    } catch (MailParseException | MailPreparationException e) {
      throw new ChannelException("email: the message could not be built: " + e.getMessage(), true, e);
    } catch (MailException e) {
      throw new ChannelException("email via " + properties.smtp().host() + ":" + properties.smtp().port()
          + " failed: " + e.getMessage(), refusedRecipient(e), e);
    }
    return messageId;
  }

  /** Whether the server refused the recipient itself: retrying the same address cannot help. */
  private static boolean refusedRecipient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SendFailedException sent && sent.getInvalidAddresses() != null
          && sent.getInvalidAddresses().length > 0
          && (sent.getValidSentAddresses() == null || sent.getValidSentAddresses().length == 0)) {
        return true;
      }
      if (t instanceof AddressException) {
        return true;
      }
    }
    if (e instanceof org.springframework.mail.MailSendException send) {
      for (Exception failed : send.getFailedMessages().values()) {
        if (failed != e && refusedRecipient(failed)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code <vigil.KEY@host>}: the same for every retry of one message. */
  String messageId(String idempotencyKey) {
    String key = idempotencyKey != null && idempotencyKey.matches("[A-Za-z0-9._-]{1,100}")
        ? idempotencyKey : sha256(String.valueOf(idempotencyKey)).substring(0, 40);
    String host;
    try {
      host = URI.create(publicUrl.base()).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    return "<vigil." + key + "@" + (host == null || host.isBlank() ? "vigil.invalid" : host) + ">";
  }

  static String plainText(String user, Page page, ZoneId zone) {
    IncidentSummary incident = page.incident();
    StringBuilder text = new StringBuilder();
    text.append('#').append(incident.id()).append(' ').append(NotificationText.oneLine(incident.title()))
        .append("\n\n")
        .append("Service:  ").append(NotificationText.oneLine(incident.service())).append('\n')
        .append("Urgency:  ").append(incident.urgency()).append('\n')
        .append("Status:   ").append(incident.status()).append('\n')
        .append("Opened:   ").append(NotificationText.time(incident.createdAt(), zone)).append('\n');
    if (incident.url() != null) {
      text.append("Details:  ").append(incident.url()).append('\n');
    }
    text.append('\n');
    if (page.acknowledgeUrl() != null) {
      text.append("Acknowledge: ").append(page.acknowledgeUrl()).append('\n');
    }
    if (page.resolveUrl() != null) {
      text.append("Resolve:     ").append(page.resolveUrl()).append('\n');
    }
    if (!page.bundled().isEmpty()) {
      text.append("\nAlso open, sent along with this message:\n");
      for (IncidentSummary other : page.bundled()) {
        text.append("  ").append(NotificationText.headline(other))
            .append(other.url() == null ? "" : " " + other.url()).append('\n');
      }
    }
    text.append("\n-- \nVigil paged ").append(user)
        .append(". Each link works once; it asks you to confirm before it acts.\n");
    return text.toString();
  }

  static String bulletinText(String user, Bulletin bulletin) {
    String url = bulletin.incident().url();
    return bulletin.text() + "\n" + (url == null ? "" : "\nIncident: " + url + "\n")
        + "\n-- \nVigil sent this to " + user + ".\n";
  }

  static String bulletinHtml(String user, Bulletin bulletin) {
    return "<!doctype html><html><body style=\"font-family:sans-serif\"><h2>"
        + link(bulletin.incident().url(), bulletin.subject()) + "</h2><pre style=\"white-space:pre-wrap;"
        + "font-family:inherit\">" + htmlEscape(bulletin.text()) + "</pre>"
        + "<p style=\"color:#666;font-size:small\">Vigil sent this to " + htmlEscape(user)
        + ".</p></body></html>";
  }

  static String html(String user, Page page, ZoneId zone) {
    IncidentSummary incident = page.incident();
    StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
    html.append("<h2>").append(link(incident.url(), "#" + incident.id() + " " + incident.title())).append("</h2>")
        .append("<table>")
        .append(row("Service", incident.service()))
        .append(row("Urgency", incident.urgency()))
        .append(row("Status", incident.status()))
        .append(row("Opened", NotificationText.time(incident.createdAt(), zone)))
        .append("</table><p>");
    if (page.acknowledgeUrl() != null) {
      html.append(button(page.acknowledgeUrl(), "Acknowledge")).append(" &nbsp; ");
    }
    if (page.resolveUrl() != null) {
      html.append(button(page.resolveUrl(), "Resolve"));
    }
    html.append("</p>");
    if (!page.bundled().isEmpty()) {
      html.append("<p>Also open, sent along with this message:</p><ul>");
      for (IncidentSummary other : page.bundled()) {
        html.append("<li>").append(link(other.url(), NotificationText.headline(other))).append("</li>");
      }
      html.append("</ul>");
    }
    html.append("<p style=\"color:#666;font-size:small\">Vigil paged ").append(htmlEscape(user))
        .append(". Each link works once; it asks you to confirm before it acts.</p></body></html>");
    return html.toString();
  }

  private static String row(String name, String value) {
    return "<tr><th align=\"left\">" + name + "</th><td>" + htmlEscape(String.valueOf(value)) + "</td></tr>";
  }

  private static String link(String url, String text) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      return htmlEscape(text);
    }
    return "<a href=\"" + htmlEscape(url) + "\">" + htmlEscape(text) + "</a>";
  }

  private static String button(String url, String text) {
    if (!(url.startsWith("https://") || url.startsWith("http://"))) {
      return htmlEscape(text);
    }
    return "<a href=\"" + htmlEscape(url) + "\" style=\"display:inline-block;padding:8px 16px;background:#1f6feb;"
        + "color:#fff;text-decoration:none;border-radius:4px\">" + htmlEscape(text) + "</a>";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
