package dev.declaude;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.declaude.event.CallEvent;
import dev.declaude.internal.service.Listeners;
import dev.declaude.internal.service.ServiceFactory;
import dev.declaude.internal.service.ServiceRuntime;
import dev.declaude.internal.service.TokenCosts;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.MessageStream;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.transport.RequestOptions;
import dev.declaude.transport.Transport;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.MessageRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point: a client of the Claude Messages API, and the factory of declarative services.
 *
 * <pre>{@code
 * try (ClaudeClient claude = ClaudeClient.fromEnv()) {
 *   SupportBot bot = claude.create(SupportBot.class);
 *   String answer = bot.answer("Where is my order?");
 * }
 * }</pre>
 *
 * <p>Thread-safe; build one per application and share it, since it holds a connection pool. Every
 * failure is a typed {@code dev.declaude.error.ClaudeException}; no Jackson, OkHttp or {@code
 * IOException} escapes. Once closed, every call fails at once with an {@code
 * IllegalStateException}. The API key never appears in a {@code toString}, an exception message or
 * a log line.
 */
public final class ClaudeClient implements AutoCloseable {
  private final ClientConfig config;
  private final Transport transport;
  private final RetryEngine engine;
  private final RetryPolicy defaultPolicy;
  private final ServiceRuntime services;

  ClaudeClient(
      ClientConfig config,
      Transport transport,
      RetryEngine engine,
      RetryPolicy defaultPolicy,
      ObjectMapper mapper,
      Clock clock,
      Listeners listeners) {
    this.config = config;
    this.transport = transport;
    this.engine = engine;
    this.defaultPolicy = defaultPolicy;
    this.services =
        new ServiceRuntime(
            transport, engine, defaultPolicy, config.model(), mapper, clock, listeners);
  }

  /**
   * Returns an implementation of a {@code @ClaudePrompt} interface. The interface is checked
   * against the same rules the annotation processor applies; its class is generated once and shared
   * by all clients.
   *
   * <pre>{@code
   * SupportBot bot = claude.create(SupportBot.class);
   * }</pre>
   *
   * @throws dev.declaude.error.ServiceDefinitionException if the interface breaks any rule; the
   *     exception lists every broken rule with its id and method
   * @throws IllegalStateException if this client is closed
   */
  public <T> T create(Class<T> service) {
    services.checkOpen();
    return ServiceFactory.create(service, services);
  }

  /** Returns a new builder. */
  public static ClaudeClientBuilder builder() {
    return new ClaudeClientBuilder();
  }

  /**
   * Returns a client configured from the environment: {@code ANTHROPIC_API_KEY} and {@code
   * ANTHROPIC_BASE_URL}, or the system properties {@code anthropic.apiKey} and {@code
   * anthropic.baseUrl}, which win.
   *
   * @throws IllegalStateException if neither names an API key
   * @throws IllegalArgumentException if the key or the base URL is malformed
   */
  public static ClaudeClient fromEnv() {
    return builder().fromEnv().build();
  }

  static ClaudeClient fromEnv(Map<String, String> env, Properties system) {
    return builder().fromEnv(env, system).build();
  }

  /**
   * Sends a message request and returns the answer, retried by the client's default policy (none
   * unless the builder set one). The request's model defaults to the client's.
   *
   * @throws dev.declaude.error.ClaudeException for every failure, typed by the error table
   * @throws IllegalArgumentException if the request lacks {@code max_tokens} or messages
   */
  public ClaudeResponse send(MessageRequest request) {
    return send(request, RequestOptions.defaults());
  }

  /** Sends a message request with per-call options; see {@link #send(MessageRequest)}. */
  public ClaudeResponse send(MessageRequest request, RequestOptions options) {
    services.checkOpen();
    MessageRequest prepared = prepare(request);
    Objects.requireNonNull(options, "options");
    LowLevelCall call = new LowLevelCall(prepared.model());
    try {
      ClaudeResponse response =
          engine.execute(
              defaultPolicy,
              TokenCosts.reserved(prepared, services),
              TokenCosts::spent,
              () -> call.attempt(() -> transport.send(prepared, options)));
      call.succeeded(response);
      return response;
    } catch (RuntimeException e) {
      call.failed(e);
      throw e;
    }
  }

  /**
   * Sends a message request without blocking; cancelling the future cancels the call. Never throws:
   * every failure, a closed client's too, is the future's.
   */
  public CompletableFuture<ClaudeResponse> sendAsync(MessageRequest request) {
    return sendAsync(request, RequestOptions.defaults());
  }

  /**
   * Sends a message request without blocking, with per-call options; see {@link
   * #sendAsync(MessageRequest)}.
   */
  public CompletableFuture<ClaudeResponse> sendAsync(
      MessageRequest request, RequestOptions options) {
    try {
      services.checkOpen();
      MessageRequest prepared = prepare(request);
      Objects.requireNonNull(options, "options");
      LowLevelCall call = new LowLevelCall(prepared.model());
      CompletableFuture<ClaudeResponse> result =
          engine.executeAsync(
              defaultPolicy,
              TokenCosts.reserved(prepared, services),
              TokenCosts::spent,
              () -> call.attempt(() -> transport.sendAsync(prepared, options)));
      result.whenComplete(
          (response, failure) -> {
            if (failure == null) {
              call.succeeded(response);
            } else {
              call.failed(
                  failure instanceof java.util.concurrent.CompletionException
                          && failure.getCause() != null
                      ? failure.getCause()
                      : failure);
            }
          });
      return result;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Streams the answer to a message request; close the stream when done. */
  public MessageStream stream(MessageRequest request) {
    return stream(request, RequestOptions.defaults());
  }

  /** Streams the answer to a message request with per-call options; close the stream when done. */
  public MessageStream stream(MessageRequest request, RequestOptions options) {
    services.checkOpen();
    MessageRequest prepared = prepare(request);
    Objects.requireNonNull(options, "options");
    // Only failures before the stream starts are retried: once events flow, the caller reads them.
    // A stream keeps its whole reservation: its usage comes at its end, and the next answer's
    // headers correct the copies of the token buckets.
    return engine.execute(
        defaultPolicy,
        TokenCosts.reserved(prepared, services),
        null,
        () -> transport.stream(prepared, options));
  }

  /**
   * Returns the input tokens the API counts for a request ({@code POST /v1/messages/count_tokens}).
   */
  public int countTokens(MessageRequest request) {
    services.checkOpen();
    CountTokensRequest count = CountTokensRequest.of(prepare(request));
    // count_tokens is free and has requests limits of its own: the Messages pacer stays out of it.
    return engine
        .executeUnpaced(
            defaultPolicy, () -> transport.countTokens(count, RequestOptions.defaults()))
        .inputTokens();
  }

  /** Returns the model used when a request or a prompt names none. */
  public String defaultModel() {
    return config.model();
  }

  /** Measures one low-level call for the listeners: its requests, its duration, how it ended. */
  private final class LowLevelCall {
    private final String model;
    private final long start = engine.timeSource().millis();
    private final AtomicInteger attempts = new AtomicInteger();

    LowLevelCall(String model) {
      this.model = model;
    }

    <T> T attempt(java.util.function.Supplier<T> send) {
      attempts.incrementAndGet();
      return send.get();
    }

    void succeeded(ClaudeResponse response) {
      services
          .listeners()
          .call(
              new CallEvent(
                  null,
                  null,
                  model,
                  response.message().model(),
                  attempts.get(),
                  elapsed(),
                  response.usage(),
                  null));
    }

    void failed(Throwable failure) {
      services
          .listeners()
          .call(new CallEvent(null, null, model, null, attempts.get(), elapsed(), null, failure));
    }

    private Duration elapsed() {
      return Duration.ofMillis(Math.max(0, engine.timeSource().millis() - start));
    }
  }

  MessageRequest prepare(MessageRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.maxTokens() == null) {
      throw new IllegalArgumentException(
          "the request has no max_tokens: the API rejects it; set maxTokens(...)");
    }
    if (request.messages().isEmpty()) {
      throw new IllegalArgumentException(
          "the request has no messages: the API rejects it; add a user message");
    }
    return request.model() == null || request.model().isBlank()
        ? request.withModel(config.model())
        : request;
  }

  Transport transport() {
    return transport;
  }

  /**
   * Releases the connection pool and threads. Every later call fails at once with {@code
   * IllegalStateException("this ClaudeClient is closed")}, never retried; calls in flight may fail
   * so too.
   */
  @Override
  public void close() {
    services.close();
    transport.close();
  }

  @Override
  public String toString() {
    return "ClaudeClient[baseUrl=" + config.displayedBaseUrl() + ", model=" + config.model() + "]";
  }
}
