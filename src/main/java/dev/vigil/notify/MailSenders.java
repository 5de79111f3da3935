package dev.vigil.notify;

import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Mail senders for the configured SMTP server ({@code vigil.notify.smtp.*}), for every feature that sends mail. */
public final class MailSenders {

  private MailSenders() {}

  /** A sender with the server's credentials, STARTTLS when required, and timeouts. */
  public static JavaMailSenderImpl of(NotifyProperties.Smtp smtp) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(smtp.host());
    sender.setPort(smtp.port());
    sender.setDefaultEncoding("UTF-8");
    Properties props = new Properties();
    if (!NotifyProperties.blank(smtp.username())) {
      sender.setUsername(smtp.username());
      sender.setPassword(smtp.password());
      props.put("mail.smtp.auth", "true");
    }
    if (smtp.starttls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    // Without timeouts a hung mail server would hold a delivery worker forever.
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "20000");
    props.put("mail.smtp.writetimeout", "20000");
    sender.setJavaMailProperties(props);
    return sender;
  }
}
