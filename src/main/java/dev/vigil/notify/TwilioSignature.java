package dev.vigil.notify;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the auth token, over the
 * full URL Twilio called followed by every POST parameter's name and value, sorted by name.
 */
final class TwilioSignature {

  private TwilioSignature() {}

  static String compute(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
      for (String value : e.getValue().stream().sorted().toList()) {
        data.append(e.getKey()).append(value);
      }
    }
    return Base64.getEncoder().encodeToString(Hmac.sha1(authToken, data.toString()));
  }

  static boolean valid(String authToken, String url, Map<String, List<String>> params, String signature) {
    if (NotifyProperties.blank(authToken) || signature == null) {
      return false;
    }
    return Hmac.equal(compute(authToken, url, params), signature.strip());
  }
}
