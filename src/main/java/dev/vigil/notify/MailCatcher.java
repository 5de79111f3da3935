package dev.vigil.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo's catch-all mail server: every email Vigil sends in {@code vigil demo} lands here instead of in real
 * inboxes, and {@code /demo/mail} shows it, so that a newcomer can watch a page go out. Only in the demo.
 */
@RestController
@ConditionalOnProperty("vigil.notify.mail-catcher")
class MailCatcher implements SmartLifecycle {

  private final GreenMail server;
  private volatile boolean running;

  MailCatcher(NotifyProperties properties) {
    this.server = new GreenMail(new ServerSetup(properties.smtp().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  @Override
  public void start() {
    server.start();
    running = true;
  }

  @Override
  public void stop() {
    server.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Caught mail, newest first, as a page; everything in it is escaped, since alert text comes from outside. */
  @GetMapping(value = "/demo/mail", produces = MediaType.TEXT_HTML_VALUE)
  String mail() {
    List<MimeMessage> messages = Arrays.stream(server.getReceivedMessages())
        .sorted(Comparator.comparing(MailCatcher::sent).reversed()).toList();
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>Vigil demo: mail sent</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        + "article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}"
        + "pre{white-space:pre-wrap;overflow-wrap:anywhere}h2,p{overflow-wrap:anywhere}</style></head><body><h1>Mail sent by the demo</h1><p>")
        .append(messages.size()).append(" message(s). Every email Vigil sends in the demo is caught here.</p>");
    for (MimeMessage m : messages) {
      html.append("<article><h2>").append(escape(subject(m))).append("</h2><p>To ")
          .append(escape(recipients(m))).append(" &middot; ").append(escape(String.valueOf(sent(m))))
          .append("</p><pre>").append(escape(text(m))).append("</pre></article>");
    }
    return html.append("</body></html>").toString();
  }

  int received() {
    return server.getReceivedMessages().length;
  }

  /** The plain-text part of a message (Vigil sends text and HTML alternatives), or its raw body. */
  private static String text(MimeMessage m) {
    try {
      String text = plain(m.getContent());
      return text != null ? text : GreenMailUtil.getBody(m);
    } catch (MessagingException | java.io.IOException e) {
      return GreenMailUtil.getBody(m);
    }
  }

  private static String plain(Object content) throws MessagingException, java.io.IOException {
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        jakarta.mail.BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
          String nested = plain(part.getContent());
          if (nested != null) {
            return nested;
          }
        }
      }
    }
    return null;
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text);
  }

  private static java.util.Date sent(MimeMessage m) {
    try {
      return m.getSentDate() == null ? new java.util.Date(0) : m.getSentDate();
    } catch (MessagingException e) {
      return new java.util.Date(0);
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      return "(unreadable subject)";
    }
  }

  private static String recipients(MimeMessage m) {
    try {
      Address[] to = m.getAllRecipients();
      return to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
    } catch (MessagingException e) {
      return "(unreadable recipients)";
    }
  }
}
