package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.internal.rules.ModelInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each request as the API would: record it, pick its fault, pass the gate, take a
 * rate-limit token, validate, reply. Called by MockWebServer on one thread per connection, so
 * everything here is thread-safe.
 */
final class SimulatorDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorDispatcher.class);
  // The API's request-size limit for Messages and count_tokens (claude-api.md §3.9).
  private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

  private final SimulatorConfig config;
  private final Clock clock;
  private final Gate gate;
  private final Ids ids;
  private final FaultPlan faults;
  private final ReplyGenerator replies;
  private final RequestLog log;
  private final Timeline timeline;
  private final RateLimits limits;
  private final InFlight inFlight;
  private final ModelRules models = new ModelRules(ModelCatalogue.standard());
  private final Runnable dropServerCopy;
  private final AdminEndpoint admin;

  SimulatorDispatcher(
      SimulatorConfig config,
      FaultPlan faults,
      ReplyGenerator replies,
      RequestLog log,
      Timeline timeline,
      AdminEndpoint admin,
      Runnable dropServerCopy) {
    this.dropServerCopy = dropServerCopy;
    this.config = config;
    this.clock = config.clock();
    this.gate = new Gate(config.apiKey());
    this.ids = new Ids(config.seed());
    this.faults = faults;
    this.replies = replies;
    this.log = log;
    this.timeline = timeline;
    this.admin = admin;
    this.limits = new RateLimits(config);
    this.inFlight = new InFlight(config.maxConcurrentRequests());
  }

  /** Fills the rate-limit buckets again. */
  void refill() {
    limits.fill();
  }

  /** Called on a serving thread once it has written its last response in full. */
  void responseComplete() {
    inFlight.responseComplete();
  }

  @Override
  public MockResponse dispatch(RecordedRequest raw) {
    // Dispatching again on this connection's thread: its previous response is surely complete.
    inFlight.responseComplete();
    dropServerCopy.run();
    String path = raw.getPath() == null ? "" : raw.getPath();
    if (AdminEndpoint.handles(path)) {
      // Scripting the simulator is not an API request: no key, not counted, recorded or put on the
      // timeline.
      return admin.handle(
          raw.getMethod() == null ? "" : raw.getMethod(), path, raw.getBody().readUtf8());
    }
    Instant now = clock.instant();
    String requestId = ids.requestId();
    MockResponse response;
    try {
      response = respond(raw, now, requestId);
    } catch (RuntimeException bug) {
      // A simulator bug must still look like an API failure to the client, never a hung or odd
      // socket.
      LOG.error("simulator failed on request {}", requestId, bug);
      response =
          ErrorBodies.response(
              ApiError.of(500, ErrorBodies.defaultMessage("api_error")), requestId);
    }
    timeline.add(now, statusCode(response));
    return response;
  }

  /** Returns the status a response answers with, or 0 when it closes the connection instead. */
  private static int statusCode(MockResponse response) {
    if (response.getSocketPolicy() == SocketPolicy.DISCONNECT_AFTER_REQUEST) {
      return 0;
    }
    // The status line reads "HTTP/1.1 200 OK".
    String[] parts = response.getStatus().split(" ", 3);
    return Integer.parseInt(parts[1]);
  }

  private MockResponse respond(RecordedRequest raw, Instant now, String requestId) {
    ReceivedRequest request = receive(raw);
    log.add(request);
    Fault fault = faults.next(now, request.model().orElse(null)).orElse(null);
    MockResponse response;
    if (fault != null && fault.kind() == Fault.Kind.ERROR) {
      response = FaultResponses.error(fault, requestId, config.organizationId(), now);
    } else if (fault != null && fault.kind() == Fault.Kind.DROP_AT_START) {
      // DISCONNECT_AT_START is only honoured through Dispatcher.peek(); closing after reading works
      // per request.
      response = new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
    } else if (raw.getBodySize() > MAX_BODY_BYTES) {
      response = FaultResponses.error(Fault.status(413), requestId, config.organizationId(), now);
    } else {
      response = answer(request, requestId, now, fault);
    }
    if (fault != null && fault.kind() == Fault.Kind.DROP_DURING_BODY) {
      response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
    }
    Duration delay =
        fault != null && fault.kind() == Fault.Kind.DELAY ? fault.delay() : Duration.ZERO;
    response.setHeadersDelay(config.latency().plus(delay).toNanos(), TimeUnit.NANOSECONDS);
    LOG.debug(
        "{} {} -> {} {} fault={}",
        request.method(),
        request.path(),
        response.getStatus(),
        requestId,
        fault);
    return response;
  }

  private ReceivedRequest receive(RecordedRequest raw) {
    String key = Gate.presentedKey(raw.getHeader("x-api-key"), raw.getHeader("authorization"));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : raw.getHeaders().names()) {
      headers.put(name, raw.getHeaders().values(name));
    }
    String method = raw.getMethod() == null ? "" : raw.getMethod();
    String path = raw.getPath() == null ? "" : raw.getPath();
    return new ReceivedRequest(method, path, headers, raw.getBody().readUtf8(), gate.isValid(key));
  }

  private MockResponse answer(ReceivedRequest request, String requestId, Instant now, Fault fault) {
    Gate.Endpoint endpoint;
    try {
      endpoint = Gate.route(request.method(), request.path());
      Gate.authenticate(request);
      Gate.checkVersion(request);
    } catch (Rejection rejected) {
      return ErrorBodies.response(rejected.error(), requestId);
    }
    if (endpoint == Gate.Endpoint.MESSAGES && !inFlight.tryEnter()) {
      MockResponse overloaded = Refusals.overloaded(requestId);
      limits.writeTokens(overloaded, limits.peekTokens(), now, 0, 0);
      return identify(overloaded, requestId, limits.peekRequest(), now);
    }
    TokenBucket.Permit permit = endpoint == Gate.Endpoint.MESSAGES ? limits.takeRequest() : null;
    MockResponse response;
    if (permit != null && !permit.granted()) {
      response =
          Refusals.requests(
              permit, limits.requestsPerSecond(), requestId, config.retryAfterStyle());
      limits.writeTokens(response, limits.peekTokens(), now, 0, 0);
    } else {
      try {
        response =
            endpoint == Gate.Endpoint.MESSAGES
                ? messages(request, requestId, now, fault)
                : countTokens(request, now);
      } catch (Rejection rejected) {
        response = ErrorBodies.response(rejected.error(), requestId);
        limits.writeTokens(response, limits.peekTokens(), now, 0, 0);
      }
    }
    return identify(response, requestId, permit, now);
  }

  private MockResponse identify(
      MockResponse response, String requestId, TokenBucket.Permit permit, Instant now) {
    response.setHeader("request-id", requestId);
    response.setHeader("anthropic-organization-id", config.organizationId());
    limits.writeRequests(response, permit, now);
    return response;
  }

  private MockResponse messages(
      ReceivedRequest request, String requestId, Instant now, Fault fault) {
    JsonNode body = request.json();
    RequestShape.checkMessages(body);
    String requested = body.get("model").asText();
    ModelInfo model = models.resolve(requested, LocalDate.ofInstant(now, ZoneOffset.UTC));
    int input = TokenEstimator.inputTokens(body);
    models.checkMessages(body, model, input);
    int maxTokens = body.path("max_tokens").asInt();
    RateLimits.Tokens tokens = limits.takeTokens(input, maxTokens);
    if (!tokens.granted()) {
      MockResponse refused =
          Refusals.tokens(
              tokens,
              limits,
              config.organizationId(),
              requested,
              requestId,
              config.retryAfterStyle());
      limits.writeTokens(refused, tokens, now, 0, 0);
      return refused;
    }
    // The unused part of max_tokens goes back once the answer has been written; all of it if none
    // was made.
    AtomicInteger generated = new AtomicInteger();
    inFlight.afterResponse(() -> limits.giveBackOutput(maxTokens - generated.get()));
    Reply reply = replies.reply(request, model, input);
    generated.set(reply.outputTokens());
    String id = ids.messageId();
    MockResponse response;
    if (fault != null && fault.kind() == Fault.Kind.STREAM_ERROR) {
      String message =
          fault.message() != null ? fault.message() : ErrorBodies.defaultMessage(fault.errorType());
      ApiError error = new ApiError(200, fault.errorType(), message, fault.errorCode());
      response = sse(SseWriter.streamWithError(id, requested, reply, fault.deltas(), error));
    } else if (body.path("stream").asBoolean(false)) {
      response = sse(SseWriter.stream(id, requested, reply));
    } else {
      response = json(200, ErrorBodies.write(MessageJson.message(id, requested, reply)));
    }
    limits.writeTokens(response, tokens, now, input, reply.outputTokens());
    return response;
  }

  private MockResponse countTokens(ReceivedRequest request, Instant now) {
    JsonNode body = request.json();
    RequestShape.checkCountTokens(body);
    ModelInfo model =
        models.resolve(body.get("model").asText(), LocalDate.ofInstant(now, ZoneOffset.UTC));
    int input = TokenEstimator.inputTokens(body);
    models.checkPromptLength(model, input);
    MockResponse response = json(200, MessageJson.countTokens(input));
    limits.writeTokens(response, limits.peekTokens(), now, 0, 0);
    return response;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }

  private static MockResponse sse(String events) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("content-type", "text/event-stream")
        .setHeader("cache-control", "no-cache")
        .setChunkedBody(events, 512);
  }
}
