package dev.declaude.testkit;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes request and message ids shaped like the API's: a prefix and base58 characters, never
 * repeated.
 */
final class Ids {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  // 58^6 > 3.8e10: a counter this wide never wraps within one simulator's life.
  private static final int COUNTER_DIGITS = 6;

  private final Random random;
  private final AtomicLong counter = new AtomicLong();

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Returns a new request id, {@code req_} and 24 characters, like {@code
   * req_011CSHoEeqs5C35K2UUqR7Fy}.
   */
  String requestId() {
    return "req_011C" + unique(20);
  }

  /** Returns a new message id, {@code msg_01} and 22 characters. */
  String messageId() {
    return "msg_01" + unique(22);
  }

  private String unique(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length - COUNTER_DIGITS; i++) {
      out.append(BASE58.charAt(random.nextInt(BASE58.length())));
    }
    // The counter suffix makes ids unique even when the random part repeats.
    long n = counter.incrementAndGet();
    char[] digits = new char[COUNTER_DIGITS];
    for (int i = COUNTER_DIGITS - 1; i >= 0; i--) {
      digits[i] = BASE58.charAt((int) (n % 58));
      n /= 58;
    }
    return out.append(digits).toString();
  }
}
