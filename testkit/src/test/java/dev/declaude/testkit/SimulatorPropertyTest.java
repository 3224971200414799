package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class SimulatorPropertyTest {
  private static ClaudeSimulator sim;

  @BeforeContainer
  static void start() {
    sim = ClaudeSimulator.builder().build().start();
  }

  @AfterContainer
  static void stop() {
    sim.close();
  }

  @Property
  boolean addingTextNeverLowersTheTokenEstimate(@ForAll List<String> texts, @ForAll String more) {
    ObjectNode request = WireJson.mapper().createObjectNode();
    ArrayNode messages = request.putArray("messages");
    texts.forEach(t -> messages.addObject().put("role", "user").put("content", t));
    int before = TokenEstimator.inputTokens(request);
    messages.addObject().put("role", "user").put("content", more);
    return TokenEstimator.inputTokens(request) >= before + TokenEstimator.PER_MESSAGE_OVERHEAD
        && TokenEstimator.tokens(String.join("", texts) + more) >= TokenEstimator.tokens(more);
  }

  @Property(tries = 60)
  boolean anyFaultYieldsAWellFormedAnswerOrAClosedConnection(@ForAll("faults") Fault fault) {
    sim.reset().enqueue(fault);
    RawClient.Answer answer;
    try {
      answer = new RawClient(sim).messages(RawClient.json(RawClient.request("Hi")));
    } catch (IOException closed) {
      return fault.kind() == Fault.Kind.DROP_AT_START
          || fault.kind() == Fault.Kind.DROP_DURING_BODY;
    }
    return switch (fault.kind()) {
      case ERROR -> answer.status() == fault.status() && bodyMatches(fault.shape(), answer);
      case STREAM_ERROR -> answer.status() == 200 && answer.body().contains("event: error\ndata: ");
      case DELAY -> answer.status() == 200 && answer.json().path("type").asText().equals("message");
      default -> false;
    };
  }

  private static boolean bodyMatches(BodyShape shape, RawClient.Answer answer) {
    switch (shape) {
      case JSON:
        JsonNode json = answer.json();
        // A 413 comes from the edge, before the API: no request id in the body or the headers.
        String bodyId = json.hasNonNull("request_id") ? json.get("request_id").asText() : null;
        return json.path("type").asText().equals("error")
            && json.path("error").path("type").isTextual()
            && Objects.equals(bodyId, answer.header("request-id"));
      case EDGE_413:
        return answer.json().path("error").path("type").asText().equals("request_too_large");
      case EMPTY:
        return answer.body().isEmpty();
      default:
        return !answer.body().isEmpty();
    }
  }

  /**
   * Regression: the property above failed whenever it drew a 413 in the API's JSON shape (one draw
   * in about 5,000, so about one build in eighty), expecting a request id that a 413, which the
   * edge sends, never carries.
   */
  @Example
  boolean a413InTheJsonShapeIsWellFormedWithoutARequestId() {
    return anyFaultYieldsAWellFormedAnswerOrAClosedConnection(
        Fault.status(413).withBody(BodyShape.JSON).retryAfter("1"));
  }

  @Provide
  Arbitrary<Fault> faults() {
    Arbitrary<Fault> errors =
        Combinators.combine(
                // 407 is left out: OkHttp treats it as a proxy challenge and throws before the body
                // is read.
                Arbitraries.integers().between(400, 599).filter(status -> status != 407),
                Arbitraries.of(BodyShape.class),
                Arbitraries.of("1", "2", "1.5", "0", "soon"))
            .as(
                (status, shape, retryAfter) ->
                    Fault.status(status).withBody(shape).retryAfter(retryAfter));
    return Arbitraries.oneOf(
        errors,
        Arbitraries.just(Fault.dropConnection()),
        Arbitraries.just(Fault.dropDuringBody()),
        Arbitraries.integers().between(0, 5).map(n -> Fault.streamErrorAfter(n, "api_error")),
        Arbitraries.integers().between(0, 3).map(ms -> Fault.delay(Duration.ofMillis(ms))));
  }
}
