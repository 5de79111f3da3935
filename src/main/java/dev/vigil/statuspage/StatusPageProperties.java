package dev.vigil.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Public status pages ({@code vigil.statuspage.*}): how often one address may subscribe, how long a confirmation
 * link works, whether webhooks may point at private addresses, and how hard delivery tries.
 *
 * @param subscribeLimit subscriptions one client address may ask for per {@code subscribeWindow}; 10 when unset
 * @param subscribeWindow the window of {@code subscribeLimit}; 1h when unset
 * @param confirmationLifetime how long the link in a confirmation email works; 48h when unset
 * @param allowPrivateWebhooks whether webhook subscriptions may name loopback, private or link-local addresses;
 *     false when unset, so that a public form cannot make Vigil call into its own network
 * @param maxAttempts delivery attempts per message before it counts as failed; 8 when unset
 * @param retryDelay delay before the first retry, doubled for each further one up to an hour; 30s when unset
 */
@ConfigurationProperties("vigil.statuspage")
record StatusPageProperties(Integer subscribeLimit, Duration subscribeWindow, Duration confirmationLifetime,
    Boolean allowPrivateWebhooks, Integer maxAttempts, Duration retryDelay) {

  StatusPageProperties {
    subscribeLimit = subscribeLimit == null ? 10 : subscribeLimit;
    subscribeWindow = subscribeWindow == null ? Duration.ofHours(1) : subscribeWindow;
    confirmationLifetime = confirmationLifetime == null ? Duration.ofHours(48) : confirmationLifetime;
    allowPrivateWebhooks = allowPrivateWebhooks != null && allowPrivateWebhooks;
    maxAttempts = maxAttempts == null ? 8 : maxAttempts;
    retryDelay = retryDelay == null ? Duration.ofSeconds(30) : retryDelay;
    if (subscribeLimit < 1 || maxAttempts < 1 || !subscribeWindow.isPositive() || !confirmationLifetime.isPositive()
        || !retryDelay.isPositive()) {
      throw new IllegalArgumentException("vigil.statuspage: limits, attempts and durations must be positive");
    }
  }
}
