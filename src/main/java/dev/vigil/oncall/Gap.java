package dev.vigil.oncall;

import java.time.Instant;

/** A period in which a schedule has nobody on call, from {@code start} (inclusive) to {@code end} (exclusive). */
public record Gap(Instant start, Instant end) {}
