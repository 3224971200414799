package dev.declaude.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the distinct values one tag may take: the first {@code max} plain values are kept as they
 * are, every later one, and any value that is not plain, becomes {@link #OTHER}. Model names and
 * error types come from the server, which may send anything; without a bound each new string would
 * make new meters until the heap or the metrics backend gives out.
 *
 * <p>A plain value has 1 to {@value #MAX_LENGTH} characters among letters, digits and {@code . _ -
 * : / @ + $}, which covers model ids, error types, exception and interface names, method names and
 * rate-limit domains.
 *
 * <p>Thread-safe.
 */
final class TagValues {
  /** The value that stands for every value past the cap, and for values that are not plain. */
  static final String OTHER = "other";

  static final int MAX_LENGTH = 100;

  private static final Logger LOG = LoggerFactory.getLogger(DeclaudeMetrics.class);

  private final String key;
  private final int max;
  private final Set<String> kept = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warned = new AtomicBoolean();

  TagValues(String key, int max) {
    this.key = key;
    this.max = max;
  }

  /** Returns {@code value} if it is kept or may still be kept, else {@link #OTHER}. */
  String fold(String value) {
    if (kept.contains(value)) {
      return value;
    }
    if (!isPlain(value)) {
      return OTHER;
    }
    synchronized (this) {
      if (kept.size() < max) {
        kept.add(value);
        return value;
      }
    }
    if (!warned.getAndSet(true)) {
      // The value itself is not logged: it came from the server and may be anything.
      LOG.warn(
          "declaude metrics: tag '{}' reached its cap of {} distinct values; later values are recorded as '{}'",
          key,
          max,
          OTHER);
    }
    return OTHER;
  }

  static boolean isPlain(String value) {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".-_:/@+$".indexOf(c) >= 0;
      if (!plain) {
        return false;
      }
    }
    return true;
  }
}
