package dev.vigil.statuspage;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.vigil.notify.ChannelException;
import dev.vigil.notify.HttpSender;
import dev.vigil.notify.MailSenders;
import dev.vigil.notify.NotifyProperties;
import dev.vigil.notify.WebhookSignature;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.SecretBox;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one queued status-page message: email through the SMTP server notifications use, with the subscriber's
 * leave link and {@code List-Unsubscribe}; webhooks as JSON signed like Vigil's webhook channel
 * ({@code Vigil-Signature: t=UNIX,v1=HEX(HMAC-SHA256(secret, "t.body"))}) with the subscription's own secret.
 * Failures are retried with doubling delays; a message marked sent is never sent again. A subscriber gets its messages
 * in the order they were queued: one waits while an earlier one to the same subscriber has not been sent.
 */
@Component
class SubscriberDelivery {

  private static final Logger log = LoggerFactory.getLogger(SubscriberDelivery.class);
  private static final Duration MAX_DELAY = Duration.ofHours(1);
  /** How soon a message looks again while the one before it is being sent. */
  private static final Duration FOLLOW_UP = Duration.ofSeconds(1);

  private final SubscriberRepository subscribers;
  private final TransactionTemplate transactions;
  private final SecretBox secrets;
  private final JsonMapper json;
  private final StatusPageProperties properties;
  private final NotifyProperties notify;
  private final PublicUrl publicUrl;
  private final Clock clock;
  private final JavaMailSenderImpl mail;
  private final HttpSender http;
  private final ObjectProvider<SchedulerClient> scheduler;

  SubscriberDelivery(SubscriberRepository subscribers, TransactionTemplate transactions, SecretBox secrets,
      JsonMapper json, StatusPageProperties properties, NotifyProperties notify, PublicUrl publicUrl, Clock clock, HttpSender http,
      ObjectProvider<SchedulerClient> scheduler) {
    this.subscribers = subscribers;
    this.transactions = transactions;
    this.secrets = secrets;
    this.json = json;
    this.properties = properties;
    this.notify = notify;
    this.publicUrl = publicUrl;
    this.clock = clock;
    this.mail = MailSenders.of(notify.smtp());
    this.http = http;
    this.scheduler = scheduler;
  }

  CompletionHandler<Long> deliver(long id) {
    SubscriberRepository.Delivery delivery = transactions.execute(tx -> subscribers.lock(id)
        .filter(d -> d.state().equals("queued")).orElse(null));
    if (delivery == null) {
      return new CompletionHandler.OnCompleteRemove<>(); // sent already, failed for good, or unsubscribed
    }
    Optional<Instant> behind = behindEarlier(delivery);
    if (behind.isPresent()) {
      Instant at = behind.get();
      return (ExecutionComplete complete, ExecutionOperations<Long> operations) -> operations.reschedule(complete, at);
    }
    try {
      JsonNode bodies = json.readTree(delivery.body());
      if (delivery.subscriber().kind().equals("email")) {
        email(delivery, bodies.path("email").asString());
      } else {
        webhook(delivery, bodies.path("webhook").asString());
      }
      transactions.executeWithoutResult(tx -> subscribers.sent(id, clock.instant()));
      return new CompletionHandler.OnCompleteRemove<>();
    } catch (ChannelException e) {
      boolean last = e.permanent() || delivery.attempts() + 1 >= properties.maxAttempts();
      log.info("Status page message {} ({}) not delivered{}: {}", id, delivery.event(), last ? " for good" : "",
          e.getMessage());
      transactions.executeWithoutResult(tx -> subscribers.failedAttempt(id, e.getMessage(), last));
      if (last) {
        return new CompletionHandler.OnCompleteRemove<>();
      }
      long factor = 1L << Math.min(delivery.attempts(), 20);
      Duration delay = properties.retryDelay().multipliedBy(factor);
      Instant at = clock.instant().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
      return (ExecutionComplete complete, ExecutionOperations<Long> operations) -> operations.reschedule(complete, at);
    }
  }

  /**
   * When to look again if an earlier message to the same subscriber must go first (it waits for its retry, or is
   * being sent): at its next attempt, or a moment after it when that is now. Empty when nothing is in the way; an
   * earlier message without a job (it cannot be sent any more) does not hold later ones back.
   */
  private Optional<Instant> behindEarlier(SubscriberRepository.Delivery delivery) {
    Optional<Long> earlier = subscribers.earlierQueued(delivery.subscriber().id(), delivery.id());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return scheduler.getObject().getScheduledExecution(
            TaskInstanceId.of(SubscriberMessages.DELIVER.getTaskName(), String.valueOf(earlier.get())))
        .map(e -> e.getExecutionTime().isAfter(now) ? e.getExecutionTime() : now.plus(FOLLOW_UP));
  }

  private void email(SubscriberRepository.Delivery delivery, String text) throws ChannelException {
    if (text.isEmpty()) {
      return; // a webhook-only event for an email subscriber: nothing to send
    }
    String token = secrets.decrypt(delivery.subscriber().tokenCiphertext());
    String leave = publicUrl.base() + "/status/" + delivery.subscriber().page() + "/unsubscribe/" + token;
    MimeMessage mime = mail.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
      helper.setFrom(notify.smtp().from());
      helper.setTo(delivery.subscriber().address());
      helper.setSubject(delivery.subject().replaceAll("[\\r\\n]+", " "));
      helper.setText(text + "\n-- \nYou receive this because this address subscribed to the status page.\n"
          + "Unsubscribe: " + leave + "\n");
      mime.setHeader("List-Unsubscribe", "<" + leave + ">");
      mime.setHeader("Auto-Submitted", "auto-generated");
      mime.setHeader("X-Vigil-Message", delivery.idempotencyKey());
    } catch (MessagingException e) {
      throw new ChannelException("email: the message could not be built: " + e.getMessage(), true);
    }
    try {
      mail.send(mime);
    } catch (MailException e) {
      throw new ChannelException("email via " + notify.smtp().host() + ":" + notify.smtp().port() + " failed: "
          + e.getMessage(), false);
    }
  }

  private void webhook(SubscriberRepository.Delivery delivery, String body) throws ChannelException {
    if (body.isEmpty()) {
      return; // email-only messages (confirmations) have no webhook form
    }
    String secret = secrets.decrypt(delivery.subscriber().secretCiphertext());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", delivery.idempotencyKey());
    headers.put("Vigil-Event", delivery.event());
    headers.put("Vigil-Signature", WebhookSignature.header(secret, clock.instant().getEpochSecond(), body));
    http.post("webhook", delivery.subscriber().address(), "application/json", body, headers);
  }
}
