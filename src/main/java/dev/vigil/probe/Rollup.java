package dev.vigil.probe;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Five minutes of one probe's results: how many, how many failed, and a histogram of the latencies of the
 * successful ones, from which percentiles are read. Stored compactly (a few bytes per five minutes) as records
 * appended to an hourly row, so that a probe checked every 30 s costs a few kilobytes a day.
 *
 * <p>Latency buckets grow by 2^(1/8) (about 9 %) from 1 ms; a percentile is reported as the geometric middle of its
 * bucket, so it is within about 4.5 % of the true value. Histograms of the same five minutes from two nodes (a probe
 * that moved mid-way) merge exactly.
 */
final class Rollup {

  static final Duration LENGTH = Duration.ofMinutes(5);
  static final int SLOTS_PER_HOUR = 12;
  static final int BUCKETS = 256;

  private final Instant start;
  private int count;
  private int failures;
  private final int[] histogram = new int[BUCKETS];

  Rollup(Instant start) {
    this.start = start;
  }

  /** The start of the five minutes that contain {@code at}. */
  static Instant startOf(Instant at) {
    long len = LENGTH.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), len) * len);
  }

  static Instant hourOf(Instant at) {
    return at.truncatedTo(ChronoUnit.HOURS);
  }

  Instant start() {
    return start;
  }

  int count() {
    return count;
  }

  int failures() {
    return failures;
  }

  void add(boolean success, Duration latency) {
    count++;
    if (success) {
      histogram[bucket(latency)]++;
    } else {
      failures++;
    }
  }

  /** Adds another rollup of the same five minutes (from another node, or another stored record). */
  void merge(Rollup other) {
    count += other.count;
    failures += other.failures;
    for (int i = 0; i < BUCKETS; i++) {
      histogram[i] += other.histogram[i];
    }
  }

  static int bucket(Duration latency) {
    double ms = latency.toNanos() / 1e6;
    if (ms < 1) {
      return 0;
    }
    return (int) Math.min(BUCKETS - 1, 1 + Math.floor(8 * Math.log(ms) / Math.log(2)));
  }

  /**
   * The successful checks whose latency bucket lies wholly below {@code threshold}: a check in the bucket that holds
   * the threshold is not counted, so the figure errs low by at most that bucket's checks (buckets are 9 % wide).
   */
  int successesFasterThan(Duration threshold) {
    double ms = threshold.toNanos() / 1e6;
    int fast = 0;
    for (int i = 0; i < BUCKETS && upperMillis(i) <= ms; i++) {
      fast += histogram[i];
    }
    return fast;
  }

  /** The latency a bucket ends at: 1 ms for bucket 0, 2^(i/8) ms for bucket i (the last bucket has no end). */
  static double upperMillis(int bucket) {
    return bucket == BUCKETS - 1 ? Double.POSITIVE_INFINITY : Math.pow(2, bucket / 8.0);
  }

  /** The latency a bucket stands for: the geometric middle of its bounds (0.5 ms for bucket 0). */
  static double bucketMillis(int bucket) {
    return bucket == 0 ? 0.5 : Math.pow(2, (bucket - 0.5) / 8);
  }

  /** {@link #percentileMillis} rounded to hundredths of a millisecond, for people; null without any check. */
  Double shownPercentileMillis(double q) {
    double value = percentileMillis(q);
    return Double.isNaN(value) ? null : Math.round(value * 100) / 100.0;
  }

  /** The latency below which {@code q} (0..1) of the successful checks fell, in milliseconds; NaN without any. */
  double percentileMillis(double q) {
    int total = count - failures;
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return bucketMillis(i);
      }
    }
    return bucketMillis(BUCKETS - 1);
  }

  /** This rollup as one record: slot in the hour, count, failures, then (bucket, count) pairs of the histogram. */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    out.write((int) (Duration.between(hourOf(start), start).toMinutes() / LENGTH.toMinutes()));
    varint(out, count);
    varint(out, failures);
    int used = 0;
    for (int n : histogram) {
      used += n > 0 ? 1 : 0;
    }
    varint(out, used);
    for (int i = 0; i < BUCKETS; i++) {
      if (histogram[i] > 0) {
        out.write(i);
        varint(out, histogram[i]);
      }
    }
    return out.toByteArray();
  }

  /** The rollups of one hour's row, records of the same five minutes merged, in time order. */
  static List<Rollup> decode(Instant hour, byte[] data) {
    TreeMap<Integer, Rollup> bySlot = new TreeMap<>();
    int[] pos = {0};
    while (pos[0] < data.length) {
      int slot = data[pos[0]++] & 0xff;
      Rollup r = new Rollup(hour.plus(LENGTH.multipliedBy(slot)));
      r.count = readVarint(data, pos);
      r.failures = readVarint(data, pos);
      int used = readVarint(data, pos);
      for (int i = 0; i < used; i++) {
        int bucket = data[pos[0]++] & 0xff;
        r.histogram[bucket] += readVarint(data, pos);
      }
      bySlot.merge(slot, r, (a, b) -> {
        a.merge(b);
        return a;
      });
    }
    return new ArrayList<>(bySlot.values());
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    int v = value;
    while ((v & ~0x7f) != 0) {
      out.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static int readVarint(byte[] data, int[] pos) {
    int value = 0;
    int shift = 0;
    while (true) {
      int b = data[pos[0]++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
    }
  }
}
