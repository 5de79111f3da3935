package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Chromium;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The demo's catch-all mail server catches what is sent to it and shows it with everything escaped. */
class MailCatcherTest {

  @Test
  void catchesMailAndShowsItEscaped() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    NotifyProperties properties = new NotifyProperties(null,
        new NotifyProperties.Smtp("127.0.0.1", port, null, null, "vigil@demo", false), null, null, null, null);
    MailCatcher catcher = new MailCatcher(properties);
    catcher.start();
    try {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(port);
      sender.setJavaMailProperties(new Properties());
      // As the email channel sends: text and HTML alternatives.
      var mime = sender.createMimeMessage();
      var helper = new org.springframework.mail.javamail.MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom("vigil@demo");
      helper.setTo("hugo@smuvdrive.example");
      helper.setSubject("[Vigil] #1 high: <script>alert(1)</script> PostgreSQL primary is down");
      helper.setText("Acknowledge: http://localhost:8080/api/v1/actions/abc\nResolve: http://localhost:8080/api/v1/"
          + "actions/" + "x".repeat(300), "<p>Acknowledge</p>");
      sender.send(mime);

      assertThat(catcher.received()).isEqualTo(1);
      String page = catcher.mail();
      assertThat(page).contains("hugo@smuvdrive.example", "PostgreSQL primary is down",
          "http://localhost:8080/api/v1/actions/abc", "&lt;script&gt;alert(1)&lt;/script&gt;");
      assertThat(page).doesNotContain("<script>").doesNotContain("Content-Type:");

      // On a phone, a long action link wraps instead of widening the page.
      Path file = Files.writeString(Files.createTempFile("vigil-demo-mail", ".html"), page);
      ChromeDriver browser = Chromium.start(390, 844);
      try {
        browser.get(file.toUri().toString());
        assertThat(browser.executeScript(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth"))
            .as("no sideways scrolling at 390 px").isEqualTo(false);
      } finally {
        browser.quit();
        Files.delete(file);
      }
    } finally {
      catcher.stop();
    }
  }
}
