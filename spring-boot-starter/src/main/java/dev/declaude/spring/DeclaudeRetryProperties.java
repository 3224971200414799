package dev.declaude.spring;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code declaude.retry.*} properties: the client's default retry policy, for calls that
 * declare none (low-level sends, and service methods without {@code @RetryOn} on them or their
 * interface). With no kinds listed the default policy makes one attempt. Unset values keep {@code
 * RetryPolicy.builder()}'s defaults.
 */
public class DeclaudeRetryProperties {
  /**
   * The kinds of failure to retry, such as RATE_LIMIT,SERVER; kinds nested in them are retried too.
   */
  private Set<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);

  /** How many attempts a call may make, the first included. Default: 3. */
  private Integer maxAttempts;

  /** The wait before the first retry, before jitter. Default: 500 ms. */
  private Duration initialDelay;

  /**
   * The longest backoff wait, before jitter; a server's retry-after may ask for more. Default: 8 s.
   */
  private Duration maxDelay;

  /** How much each wait grows. Default: 2. */
  private Double multiplier;

  /** How waits are randomised: FULL, EQUAL or NONE. Default: FULL. */
  private Jitter jitter;

  /** The deadline over all attempts and waits of a call. Default: none. */
  private Duration maxElapsed;

  public Set<ErrorKind> getKinds() {
    return kinds;
  }

  public void setKinds(Set<ErrorKind> kinds) {
    this.kinds = kinds;
  }

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public Duration getMaxDelay() {
    return maxDelay;
  }

  public void setMaxDelay(Duration maxDelay) {
    this.maxDelay = maxDelay;
  }

  public Double getMultiplier() {
    return multiplier;
  }

  public void setMultiplier(Double multiplier) {
    this.multiplier = multiplier;
  }

  public Jitter getJitter() {
    return jitter;
  }

  public void setJitter(Jitter jitter) {
    this.jitter = jitter;
  }

  public Duration getMaxElapsed() {
    return maxElapsed;
  }

  public void setMaxElapsed(Duration maxElapsed) {
    this.maxElapsed = maxElapsed;
  }

  /** Returns whether any setting other than the kinds was given. */
  boolean hasSettings() {
    return maxAttempts != null
        || initialDelay != null
        || maxDelay != null
        || multiplier != null
        || jitter != null
        || maxElapsed != null;
  }
}
