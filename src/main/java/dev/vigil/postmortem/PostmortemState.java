package dev.vigil.postmortem;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.system.StoredValue;
import java.util.Locale;
import java.util.Optional;

/**
 * How far a postmortem has come, as the {@code postmortem.status} check constraint allows: written, read by others,
 * then published, after which nobody is reminded of it.
 */
enum PostmortemState implements StoredValue {
  DRAFT, IN_REVIEW, PUBLISHED;

  @JsonValue
  @Override
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static PostmortemState of(String value) {
    return StoredValue.of(PostmortemState.class, value);
  }

  static Optional<PostmortemState> parse(String text) {
    return StoredValue.parse(PostmortemState.class, text);
  }

  static String listed() {
    return StoredValue.listed(PostmortemState.class);
  }
}
