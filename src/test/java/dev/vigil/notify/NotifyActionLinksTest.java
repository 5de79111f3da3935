package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.ActionLinks.Action;
import dev.vigil.notify.ActionLinks.ActionToken;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed action tokens: what they bind, and that nothing but Vigil's key makes one that verifies. */
class NotifyActionLinksTest {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  final TestClock clock = new TestClock(Instant.parse("2026-03-01T02:13:00Z"));
  final NotifyProperties properties = new NotifyProperties(Duration.ofHours(2), null,
      null, null, null, null);
  final ActionLinks links = new ActionLinks(KEY, properties, new PublicUrl("https://vigil.example.com/"), clock);

  @Test
  void aTokenBindsIncidentActionUserChannelAndExpiry() {
    String url = links.acknowledgeUrl(42, "alice", ContactType.EMAIL);
    assertThat(url).startsWith("https://vigil.example.com/api/v1/actions/");
    String token = ActionLinks.tokenOf(url).orElseThrow();
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    ActionToken verified = links.verify(token).orElseThrow();
    assertThat(verified.incidentId()).isEqualTo(42);
    assertThat(verified.action()).isEqualTo(Action.ACKNOWLEDGE);
    assertThat(verified.user()).isEqualTo("alice");
    assertThat(verified.via()).isEqualTo(ContactType.EMAIL);
    assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2026-03-01T04:13:00Z"));
    assertThat(verified.expired(clock.instant())).isFalse();
    assertThat(verified.expired(clock.instant().plus(Duration.ofHours(2)))).isTrue();

    ActionToken resolve = links.verify(ActionLinks.tokenOf(links.resolveUrl(42, "bob:ops", ContactType.TEAMS))
        .orElseThrow()).orElseThrow();
    assertThat(resolve.action()).isEqualTo(Action.RESOLVE);
    assertThat(resolve.user()).as("user names may hold the separator").isEqualTo("bob:ops");
    assertThat(resolve.via()).isEqualTo(ContactType.TEAMS);
  }

  @Test
  void tamperedForgedAndGarbledTokensDoNotVerify() {
    String token = links.token(42, Action.ACKNOWLEDGE, "alice", ContactType.EMAIL);
    String payload = token.substring(0, token.indexOf('.'));
    String mac = token.substring(token.indexOf('.') + 1);

    String otherIncident = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).replace(":42:", ":43:")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(links.verify(otherIncident + "." + mac)).as("payload changed").isEmpty();
    char last = mac.charAt(mac.length() - 1);
    assertThat(links.verify(payload + "." + mac.substring(0, mac.length() - 1) + (last == 'A' ? 'B' : 'A')))
        .as("signature changed").isEmpty();
    ActionLinks otherKey = new ActionLinks("another key, another installation".getBytes(StandardCharsets.UTF_8),
        properties, new PublicUrl("https://vigil.example.com/"), clock);
    assertThat(otherKey.verify(token)).as("signed with another key").isEmpty();
    for (String garbled : new String[] {"", ".", "abc", "abc.def", token + ".x", "." + mac, payload + ".",
        "%%%.%%%", "a".repeat(5000)}) {
      assertThat(links.verify(garbled)).as(garbled).isEmpty();
    }
    assertThat(links.verify(null)).isEmpty();
    assertThat(links.verify(token)).isPresent();
  }

  @Test
  void aLinkNeedsAUser() {
    assertThatThrownBy(() -> links.token(42, Action.RESOLVE, " ", ContactType.EMAIL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
