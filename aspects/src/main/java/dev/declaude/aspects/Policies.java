package dev.declaude.aspects;

import dev.declaude.annotation.RetryOn;
import dev.declaude.internal.retry.RetryPolicies;
import dev.declaude.retry.RetryPolicy;
import org.aspectj.lang.JoinPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code @RetryOn} found at a join point into its policy, naming the method when it is
 * invalid.
 */
final class Policies {
  private static final Logger LOG = LoggerFactory.getLogger(RetryAspect.class);

  private Policies() {}

  /**
   * Returns the policy {@code retryOn} declares for the method at {@code at}.
   *
   * @throws IllegalArgumentException if the annotation is invalid (the annotation processor reports
   *     the same at compile time, from the same rules); the message names the method and each rule
   *     broken
   */
  static RetryPolicy of(RetryOn retryOn, JoinPoint.StaticPart at) {
    String where = at.getSignature().toLongString();
    RetryPolicy policy = RetryPolicies.checked(retryOn, where);
    LOG.debug("{}: {}", where, policy);
    return policy;
  }
}
