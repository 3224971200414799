package dev.declaude.internal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.retry.TimeSource;
import dev.declaude.transport.Transport;
import java.time.Clock;
import java.util.Objects;

/**
 * What a generated service needs from the client that created it, and whether that client is still
 * open. Not an API: {@code ClaudeClient} builds one per client. Thread-safe.
 */
public final class ServiceRuntime {
  private final Transport transport;
  private final RetryEngine engine;
  private final RetryPolicy defaultPolicy;
  private final String defaultModel;
  private final ObjectMapper answerMapper;
  private final Clock clock;
  private final Listeners listeners;
  private final TokenEstimates tokenEstimates = new TokenEstimates(ModelCatalogue.standard());
  private volatile boolean closed;

  /**
   * Creates the runtime of a client.
   *
   * @param transport carries requests
   * @param engine retries them
   * @param defaultPolicy the policy of methods without {@code @RetryOn} on them or their type
   * @param defaultModel the model of prompts that name none
   * @param answerMapper maps structured answers into their Java types
   * @param clock tells {@code create()} the day, against which model lifecycles are judged
   * @param listeners told what the services do
   */
  public ServiceRuntime(
      Transport transport,
      RetryEngine engine,
      RetryPolicy defaultPolicy,
      String defaultModel,
      ObjectMapper answerMapper,
      Clock clock,
      Listeners listeners) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
    this.answerMapper = Objects.requireNonNull(answerMapper, "answerMapper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listeners = Objects.requireNonNull(listeners, "listeners");
  }

  /**
   * Refuses a call once the client is closed, before it does anything: no request, no retry.
   *
   * @throws IllegalStateException if the client is closed
   */
  public void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this ClaudeClient is closed");
    }
  }

  /** Marks the client closed: every later call fails at once. */
  public void close() {
    closed = true;
  }

  Transport transport() {
    return transport;
  }

  RetryEngine engine() {
    return engine;
  }

  RetryPolicy defaultPolicy() {
    return defaultPolicy;
  }

  String defaultModel() {
    return defaultModel;
  }

  ObjectMapper answerMapper() {
    return answerMapper;
  }

  Clock clock() {
    return clock;
  }

  /** Returns the listeners of the client. */
  public Listeners listeners() {
    return listeners;
  }

  /** Returns the time calls are measured on: the engine's. */
  TimeSource time() {
    return engine.timeSource();
  }

  /** The client's token estimates, calibrated by every answer to a method with a context policy. */
  TokenEstimates tokenEstimates() {
    return tokenEstimates;
  }
}
