package dev.declaude.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.declaude.http.Transport;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.util.Objects;

/**
 * What a generated service needs from the client that created it. Not an API: {@code ClaudeClient} builds
 * it.
 *
 * @param transport carries requests
 * @param engine retries them
 * @param defaultPolicy the policy of methods without {@code @RetryOn} on them or their type
 * @param defaultModel the model of prompts that name none
 * @param answerMapper maps structured answers into their Java types
 * @param tokenEstimates the client's calibrated token estimates, for context policies
 */
public record ServiceRuntime(
    Transport transport, RetryEngine engine, RetryPolicy defaultPolicy, String defaultModel, ObjectMapper answerMapper,
    TokenEstimates tokenEstimates) {

  /** Creates the runtime of a client, with token estimates of its own. */
  public ServiceRuntime(
      Transport transport, RetryEngine engine, RetryPolicy defaultPolicy, String defaultModel, ObjectMapper answerMapper) {
    this(transport, engine, defaultPolicy, defaultModel, answerMapper, new TokenEstimates());
  }

  public ServiceRuntime {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    Objects.requireNonNull(defaultModel, "defaultModel");
    Objects.requireNonNull(answerMapper, "answerMapper");
  }
}
