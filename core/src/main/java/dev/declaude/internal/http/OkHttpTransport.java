package dev.declaude.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.MessageStream;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.transport.RequestOptions;
import dev.declaude.transport.Transport;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.CountTokensResponse;
import dev.declaude.wire.MessageRequest;
import dev.declaude.wire.MessageResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Messages API over OkHttp: one HTTP call per method call, every successful response's headers
 * reported to an observer (the pacer learns rate limits from them; failures reach it through the
 * retry engine), every failure typed. Thread-safe.
 */
public final class OkHttpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(OkHttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");
  static final String API_VERSION = "2023-06-01";

  private final OkHttpClient http;
  private final HttpUrl messagesUrl;
  private final HttpUrl countTokensUrl;
  private final ApiKeyHeader apiKey;
  private final String userAgent;
  private final Clock clock;
  private final Consumer<ResponseMetadata> observer;
  private final boolean ownsHttp;
  private final ReadLimits limits;
  private volatile boolean closed;

  /**
   * Creates a transport.
   *
   * @param http the OkHttp client, with its timeouts
   * @param ownsHttp whether {@link #close()} may shut {@code http}'s threads and connections down;
   *     false when the application shares its own client
   * @param baseUrl the API's base URL; {@code v1/messages} is resolved against it
   * @param apiKey the key sent as {@code x-api-key}; never logged or shown
   * @param observer told the metadata of every response, failures included
   * @param limits how much of a response is read at most
   * @throws IllegalArgumentException if the key is blank or holds characters a header cannot carry
   */
  public OkHttpTransport(
      OkHttpClient http,
      boolean ownsHttp,
      HttpUrl baseUrl,
      String apiKey,
      Clock clock,
      Consumer<ResponseMetadata> observer,
      ReadLimits limits) {
    this.http = Objects.requireNonNull(http, "http");
    this.ownsHttp = ownsHttp;
    HttpUrl base = baseUrl.newBuilder().build();
    this.messagesUrl = Objects.requireNonNull(base.resolve(withSlash(base) + "v1/messages"));
    this.countTokensUrl =
        Objects.requireNonNull(base.resolve(withSlash(base) + "v1/messages/count_tokens"));
    this.apiKey = new ApiKeyHeader(apiKey);
    this.userAgent = UserAgent.VALUE;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  private static String withSlash(HttpUrl base) {
    String path = base.encodedPath();
    return path.endsWith("/") ? path : path + "/";
  }

  @Override
  public ClaudeResponse send(MessageRequest request, RequestOptions options) {
    Call call = newCall(messagesUrl, request, options);
    try (Response response = call.execute()) {
      return readMessage(response);
    } catch (IOException e) {
      throw ErrorTranslator.translate(e, "POST /v1/messages");
    }
  }

  @Override
  public CompletableFuture<ClaudeResponse> sendAsync(
      MessageRequest request, RequestOptions options) {
    return enqueue(newCall(messagesUrl, request, options), "POST /v1/messages", this::readMessage);
  }

  @Override
  public CompletableFuture<CountTokensResponse> countTokensAsync(
      CountTokensRequest request, RequestOptions options) {
    return enqueue(
        newCall(countTokensUrl, request, options),
        "POST /v1/messages/count_tokens",
        this::readCount);
  }

  /** Reads a response; may throw the I/O failure of a body cut short. */
  private interface Reader<T> {
    T read(Response response) throws IOException;
  }

  /** Runs {@code call} on OkHttp's dispatcher; cancelling the future cancels the call. */
  private static <T> CompletableFuture<T> enqueue(Call call, String what, Reader<T> reader) {
    CompletableFuture<T> future = new CompletableFuture<>();
    future.whenComplete(
        (r, e) -> {
          if (future.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            future.completeExceptionally(ErrorTranslator.translate(e, what));
          }

          @Override
          public void onResponse(Call c, Response response) {
            try (response) {
              future.complete(reader.read(response));
            } catch (IOException e) {
              future.completeExceptionally(ErrorTranslator.translate(e, what));
            } catch (RuntimeException e) {
              future.completeExceptionally(e);
            }
          }
        });
    return future;
  }

  /**
   * Opens a stream. OkHttp's call timeout would also cut a healthy stream that outlives it, so a
   * stream has none: its headers must arrive within the client's call timeout, the whole stream
   * must end within {@code options.timeout()} if the caller set one, and otherwise only the read
   * timeout bounds it, as the longest silence between two reads.
   */
  @Override
  public MessageStream stream(MessageRequest request, RequestOptions options) {
    Call call = newCall(messagesUrl, request.withStream(Boolean.TRUE), options);
    call.timeout().clearTimeout();
    StreamTimer timer =
        StreamTimer.arm(call, Duration.ofMillis(http.callTimeoutMillis()), options.timeout());
    Response response = null;
    try {
      response = call.execute();
      timer.headersArrived();
      ResponseMetadata metadata = observe(response);
      requireSuccess(response, metadata);
      return new OkHttpMessageStream(response, metadata, timer, limits.maxStreamEventBytes());
    } catch (IOException e) {
      closeQuietly(response);
      timer.close();
      throw timer.fired() != null
          ? new ClaudeTimeoutException("POST /v1/messages (stream) timed out: " + timer.fired(), e)
          : ErrorTranslator.translate(e, "POST /v1/messages (stream)");
    } catch (RuntimeException e) {
      closeQuietly(response);
      timer.close();
      throw e;
    }
  }

  @Override
  public CountTokensResponse countTokens(CountTokensRequest request, RequestOptions options) {
    Call call = newCall(countTokensUrl, request, options);
    try (Response response = call.execute()) {
      return readCount(response);
    } catch (IOException e) {
      throw ErrorTranslator.translate(e, "POST /v1/messages/count_tokens");
    }
  }

  private CountTokensResponse readCount(Response response) throws IOException {
    // Not observed: whatever rate-limit headers count_tokens sends are its own limits', not the
    // Messages API's that the observer feeds to the pacer and the listeners.
    requireSuccess(response, metadata(response));
    String body = Bodies.readBounded(response, limits.maxResponseBytes(), "count_tokens");
    return Bodies.parse(body, CountTokensResponse.class, "count_tokens");
  }

  private ClaudeResponse readMessage(Response response) throws IOException {
    ResponseMetadata metadata = observe(response);
    requireSuccess(response, metadata);
    String body = Bodies.readBounded(response, limits.maxResponseBytes(), "message");
    MessageResponse message = Bodies.parse(body, MessageResponse.class, "message");
    if (message.content() == null || message.id() == null) {
      throw new MalformedResponseException(
          "200 message lacks id or content: " + ErrorBodies.snippet(body), null);
    }
    return new ClaudeResponse(message, metadata);
  }

  /**
   * Throws the typed exception of a non-2xx response. Its body is read leniently (what arrived
   * before a break is enough for the message); a 2xx body is read strictly by the caller, so a cut
   * is a connection failure.
   */
  private static void requireSuccess(Response response, ResponseMetadata metadata) {
    if (!response.isSuccessful()) {
      throw ErrorTranslator.translate(metadata, Bodies.readLeniently(response));
    }
  }

  /** Reads a response's metadata, and tells the observer of it. */
  private ResponseMetadata observe(Response response) {
    ResponseMetadata metadata = metadata(response);
    try {
      observer.accept(metadata);
    } catch (RuntimeException e) {
      // An observer's bug must not turn a good answer into a failure; it is logged, not lost.
      log.warn("response observer failed", e);
    }
    return metadata;
  }

  private ResponseMetadata metadata(Response response) {
    ResponseMetadata metadata =
        ResponseHeaders.parse(response.code(), response::header, clock.instant());
    log.debug(
        "{} {} -> {} (request-id {})",
        response.request().method(),
        response.request().url().encodedPath(),
        response.code(),
        metadata.requestId());
    return metadata;
  }

  private Call newCall(HttpUrl url, Object body, RequestOptions options) {
    if (closed) {
      // Not a ClaudeException: nothing retries it, and the caller learns its mistake at once.
      throw new IllegalStateException("this ClaudeClient is closed");
    }
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header("anthropic-version", API_VERSION)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("user-agent", userAgent)
            .post(new OneShotBody(toJson(body), JSON));
    options.headers().forEach(request::header);
    apiKey.addTo(request);
    Call call = http.newCall(request.build());
    if (options.timeout() != null) {
      call.timeout().timeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    return call;
  }

  private static byte[] toJson(Object body) {
    try {
      return WireJson.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot serialise the request: " + e.getOriginalMessage(), e);
    }
  }

  private static void closeQuietly(Response response) {
    if (response != null) {
      response.close();
    }
  }

  /** Returns the messages endpoint, for tests and logs. */
  public HttpUrl messagesUrl() {
    return messagesUrl;
  }

  @Override
  public void close() {
    closed = true;
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    // A base URL may carry user:password@ for a proxy: never shown.
    return "OkHttpTransport[" + messagesUrl.newBuilder().username("").password("").build() + "]";
  }
}
