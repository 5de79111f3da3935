package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Creates and checks signed one-time links that acknowledge or resolve an incident without logging in. A token
 * binds the incident, the action, the user acting, the contact method it was sent through and an expiry, signed
 * with HMAC-SHA256 under a key derived from Vigil's secret key, so every node checks every node's links.
 */
@Component
public class ActionLinks {

  /** The path under the public base URL that action links open. */
  static final String PATH = "/api/v1/actions/";

  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key;
  private final NotifyProperties properties;
  private final PublicUrl publicUrl;
  private final Clock clock;

  @Autowired
  ActionLinks(SecretBox secrets, NotifyProperties properties, PublicUrl publicUrl, Clock clock) {
    this(secrets.deriveKey("notify/action-links"), properties, publicUrl, clock);
  }

  ActionLinks(byte[] key, NotifyProperties properties, PublicUrl publicUrl, Clock clock) {
    this.key = key.clone();
    this.properties = properties;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** What a link does to its incident. */
  public enum Action {
    ACKNOWLEDGE("a"), RESOLVE("r");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    public String value() {
      return name().toLowerCase();
    }

    static Optional<Action> ofCode(String code) {
      for (Action a : values()) {
        if (a.code.equals(code)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  /** A link that acknowledges the incident as {@code user}, for a message sent through {@code via}. */
  public String acknowledgeUrl(long incidentId, String user, ContactType via) {
    return url(incidentId, Action.ACKNOWLEDGE, user, via);
  }

  /** A link that resolves the incident as {@code user}, for a message sent through {@code via}. */
  public String resolveUrl(long incidentId, String user, ContactType via) {
    return url(incidentId, Action.RESOLVE, user, via);
  }

  public String url(long incidentId, Action action, String user, ContactType via) {
    return publicUrl.base() + PATH + token(incidentId, action, user, via);
  }

  /** A token valid for the configured lifetime from now. */
  public String token(long incidentId, Action action, String user, ContactType via) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("an action link needs the user who acts");
    }
    long expires = clock.instant().plus(properties.actionLinkLifetime()).getEpochSecond();
    String payload = String.join(":", VERSION, Long.toString(incidentId), action.code, via.value(),
        Long.toString(expires), user);
    String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return encoded + "." + B64.encodeToString(Hmac.sha256(key, encoded));
  }

  /**
   * The token's content when its signature is Vigil's, whether or not it has expired; empty for anything forged,
   * tampered with or garbled.
   */
  Optional<ActionToken> verify(String token) {
    if (token == null || token.length() > 2048) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    String encoded = token.substring(0, dot);
    String expected = B64.encodeToString(Hmac.sha256(key, encoded));
    if (!Hmac.equal(expected, token.substring(dot + 1))) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(B64D.decode(encoded), StandardCharsets.UTF_8).split(":", 6);
      if (parts.length != 6 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      Optional<Action> action = Action.ofCode(parts[2]);
      Optional<ContactType> via = contactType(parts[3]);
      if (action.isEmpty() || via.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ActionToken(token, Long.parseLong(parts[1]), action.get(), parts[5], via.get(),
          Instant.ofEpochSecond(Long.parseLong(parts[4]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The token of an action link made by {@link #url}, for channels that carry tokens rather than links. */
  static Optional<String> tokenOf(String url) {
    if (url == null) {
      return Optional.empty();
    }
    int at = url.lastIndexOf(PATH);
    return at < 0 ? Optional.empty() : Optional.of(url.substring(at + PATH.length()));
  }

  private static Optional<ContactType> contactType(String value) {
    for (ContactType t : ContactType.values()) {
      if (t.value().equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * A verified token.
   *
   * @param token the token as given, whose hash marks it used
   * @param incidentId the incident to act on
   * @param action what to do
   * @param user who acts
   * @param via the contact method the link was sent through, recorded as the channel on the timeline
   * @param expiresAt when the link stops working
   */
  record ActionToken(String token, long incidentId, Action action, String user, ContactType via,
      Instant expiresAt) {

    boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }

    byte[] hash() {
      return SecretBox.hash(token);
    }
  }
}
