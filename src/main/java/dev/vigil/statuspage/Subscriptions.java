package dev.vigil.statuspage;

import dev.vigil.catalog.Catalog;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.RefusedException;
import dev.vigil.system.SecretBox;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscribing to a status page: email with double opt-in (a confirmation email with a link; nothing else is sent
 * before it is followed), webhooks (active at once, signed with a secret shown once), and leaving through the link
 * every message carries. Tokens are random, looked up by their SHA-256, and kept encrypted only to build links.
 */
@Service
class Subscriptions {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
  static final int MAX_ADDRESS = 254;
  static final int MAX_URL = 2000;

  /** What the person subscribing is shown: for a webhook its signing secret and leave link, once. */
  record Subscribed(String kind, String address, String secret, String unsubscribeUrl) {}

  private final StatusPages pages;
  private final SubscriberRepository subscribers;
  private final SubscriberMessages messages;
  private final SecretBox secrets;
  private final TransactionTemplate transactions;
  private final StatusPageProperties properties;
  private final Clock clock;
  private final String baseUrl;

  Subscriptions(StatusPages pages, SubscriberRepository subscribers, SubscriberMessages messages, SecretBox secrets,
      TransactionTemplate transactions, StatusPageProperties properties, PublicUrl publicUrl, Clock clock) {
    this.pages = pages;
    this.subscribers = subscribers;
    this.messages = messages;
    this.secrets = secrets;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
    this.baseUrl = publicUrl.base();
  }

  /** Subscribes by {@code kind} (email or webhook); the same answer whether or not the email was subscribed before. */
  Subscribed subscribe(String slug, String kind, String address) {
    Catalog.StatusPage page = pages.definition(slug);
    if (kind == null || kind.isBlank()) {
      throw new InvalidException("kind: choose email or webhook");
    }
    return switch (kind.strip()) {
      case "email" -> email(page, address);
      case "webhook" -> webhook(page, address);
      default -> throw new InvalidException("kind: '" + kind + "' is not email or webhook");
    };
  }

  private Subscribed email(Catalog.StatusPage page, String address) {
    if (!page.subscriptionsOrDefault().allowsEmail()) {
      throw new InvalidException("This page does not offer email subscriptions.");
    }
    String email = address == null ? "" : address.strip();
    if (email.isEmpty()) {
      throw new InvalidException("email: enter your email address");
    }
    if (email.length() > MAX_ADDRESS || !EMAIL.matcher(email).matches()) {
      throw new InvalidException("email: '" + shorten(email) + "' is not an email address");
    }
    String normalised = email.toLowerCase(Locale.ROOT);
    transactions.executeWithoutResult(tx -> {
      Instant now = clock.instant();
      String token = SecretBox.newSecret("");
      Optional<SubscriberRepository.Subscriber> existing = subscribers.find(page.slug(), "email", normalised);
      long id;
      if (existing.isPresent()) {
        if (existing.get().confirmedAt() != null) {
          return; // already subscribed: nothing to confirm, and the answer must not tell
        }
        id = existing.get().id();
        subscribers.renewToken(id, SecretBox.hash(token), secrets.encrypt(token), now);
      } else {
        id = subscribers.insert(page.slug(), "email", normalised, SecretBox.hash(token), secrets.encrypt(token), null,
            now, null);
      }
      messages.queueConfirmation(page, id, token, now);
    });
    return new Subscribed("email", normalised, null, null);
  }

  private Subscribed webhook(Catalog.StatusPage page, String address) {
    if (!page.subscriptionsOrDefault().allowsWebhook()) {
      throw new InvalidException("This page does not offer webhook subscriptions.");
    }
    String url = webhookUrl(address, properties.allowPrivateWebhooks());
    return transactions.execute(tx -> {
      if (subscribers.find(page.slug(), "webhook", url).isPresent()) {
        throw new RefusedException("url: this URL is already subscribed; leave with the link given when it was"
            + " subscribed first");
      }
      String token = SecretBox.newSecret("");
      String secret = SecretBox.newSecret("whsec_");
      Instant now = clock.instant();
      subscribers.insert(page.slug(), "webhook", url, SecretBox.hash(token), secrets.encrypt(token),
          secrets.encrypt(secret), now, now);
      return new Subscribed("webhook", url, secret, unsubscribeUrl(page.slug(), token));
    });
  }

  /** An http(s) URL with a host, and unless allowed, one that does not resolve into Vigil's own network. */
  static String webhookUrl(String address, boolean allowPrivate) {
    String url = address == null ? "" : address.strip();
    if (url.isEmpty()) {
      throw new InvalidException("url: enter the URL to send updates to");
    }
    if (url.length() > MAX_URL) {
      throw new InvalidException("url: at most " + MAX_URL + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidException("url: '" + shorten(url) + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InvalidException("url: '" + shorten(url) + "' is not an http:// or https:// URL with a host");
    }
    if (uri.getUserInfo() != null) {
      throw new InvalidException("url: user names and passwords in the URL are not accepted");
    }
    if (!allowPrivate) {
      try {
        for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
          if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
              || a.isMulticastAddress() || uniqueLocal(a)) {
            throw new InvalidException("url: " + uri.getHost() + " is a private or local address; webhooks must"
                + " be reachable on the public internet");
          }
        }
      } catch (UnknownHostException e) {
        throw new InvalidException("url: the host " + uri.getHost() + " does not resolve");
      }
    }
    return url;
  }

  private static boolean uniqueLocal(InetAddress a) {
    return a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc;
  }

  /** The subscription a link's token belongs to; 404 for an unknown token or an expired confirmation. */
  SubscriberRepository.Subscriber byToken(String slug, String token, boolean confirming) {
    pages.definition(slug);
    SubscriberRepository.Subscriber s = token == null || token.length() > 100 ? null
        : subscribers.byToken(slug, SecretBox.hash(token)).orElse(null);
    if (s == null || (confirming && s.confirmedAt() == null
        && s.createdAt().plus(properties.confirmationLifetime()).isBefore(clock.instant()))) {
      throw new NotFoundException("This link is not valid: it was used to leave already, or it expired. Subscribe"
          + " again from the status page.");
    }
    return s;
  }

  /** Confirms an email subscription; following the link twice is fine. */
  void confirm(String slug, String token) {
    transactions.executeWithoutResult(tx -> subscribers.confirm(byToken(slug, token, true).id(), clock.instant()));
  }

  void unsubscribe(String slug, String token) {
    transactions.executeWithoutResult(tx -> subscribers.delete(byToken(slug, token, false).id()));
  }

  /**
   * Removes a subscriber as an admin asks, by the rule leaving follows: its row goes, and with it what was queued
   * for it; 404 when the page has no such subscriber.
   */
  void remove(String slug, long id) {
    pages.definition(slug);
    transactions.executeWithoutResult(tx -> {
      if (!subscribers.delete(slug, id)) {
        throw new NotFoundException("Status page '" + slug + "' has no subscriber " + id + ".");
      }
    });
  }

  String unsubscribeUrl(String slug, String token) {
    return baseUrl + "/status/" + slug + "/unsubscribe/" + token;
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
