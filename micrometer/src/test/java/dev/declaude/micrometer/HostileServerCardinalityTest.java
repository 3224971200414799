package dev.declaude.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.error.ServerException;
import dev.declaude.wire.MessageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers every request with a model name and every failure with an error type never
 * seen before cannot make the meters grow without bound: past the cap, values are recorded as
 * {@code other}.
 */
class HostileServerCardinalityTest {
  private static final int CAP = 4;

  private final MockWebServer server = new MockWebServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger served = new AtomicInteger();

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }

  /**
   * Answers with a new model name, or (on the error path) a 500 with a new error type, every time.
   */
  private void startHostileServer(boolean failing) throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int n = served.getAndIncrement();
            if (failing) {
              return json(
                  500,
                  "{\"type\":\"error\",\"error\":{\"type\":\"hostile_type_"
                      + n
                      + "\",\"message\":\"no\"}}");
            }
            return json(
                200,
                "{\"id\":\"msg_"
                    + n
                    + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":\"Hi\"}],\"model\":\"hostile-model-"
                    + n
                    + "\",\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");
          }
        });
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.start();
  }

  private ClaudeClient client() {
    DeclaudeMetrics metrics = DeclaudeMetrics.builder(registry).maxTagValues(CAP).build();
    return ClaudeClient.builder()
        .apiKey("sk-ant-test-hostile-0123456789abcdef")
        .baseUrl(server.url("/").toString())
        .listener(metrics)
        .build();
  }

  private static MessageRequest asking(String model) {
    return MessageRequest.builder().model(model).maxTokens(10).addUserMessage("Hi").build();
  }

  @Test
  void aThousandNewModelNamesMakeNoMoreMetersThanTheCapAllows() throws Exception {
    startHostileServer(false);
    try (ClaudeClient client = client()) {
      for (int i = 0; i < 1_000; i++) {
        client.send(asking("asked-model-" + i));
      }
    }

    // Requested and answered models share one cap of 4: asked-model-0, hostile-model-0,
    // asked-model-1 and
    // hostile-model-1 are kept; every later name is "other".
    String gen = "gen_ai.operation.name=chat,gen_ai.provider.name=anthropic,gen_ai.request.model=";
    assertEquals(
        List.of(
            "declaude.calls{error=none,kind=successful_without_retry,method=none,model=asked-model-0,service=none}",
            "declaude.calls{error=none,kind=successful_without_retry,method=none,model=asked-model-1,service=none}",
            "declaude.calls{error=none,kind=successful_without_retry,method=none,model=other,service=none}",
            "gen_ai.client.operation.duration{error.type=none,"
                + gen
                + "asked-model-0,gen_ai.response.model=hostile-model-0}",
            "gen_ai.client.operation.duration{error.type=none,"
                + gen
                + "asked-model-1,gen_ai.response.model=hostile-model-1}",
            "gen_ai.client.operation.duration{error.type=none,"
                + gen
                + "other,gen_ai.response.model=other}",
            "gen_ai.client.token.usage{"
                + gen
                + "asked-model-0,gen_ai.response.model=hostile-model-0,gen_ai.token.type=input}",
            "gen_ai.client.token.usage{"
                + gen
                + "asked-model-0,gen_ai.response.model=hostile-model-0,gen_ai.token.type=output}",
            "gen_ai.client.token.usage{"
                + gen
                + "asked-model-1,gen_ai.response.model=hostile-model-1,gen_ai.token.type=input}",
            "gen_ai.client.token.usage{"
                + gen
                + "asked-model-1,gen_ai.response.model=hostile-model-1,gen_ai.token.type=output}",
            "gen_ai.client.token.usage{"
                + gen
                + "other,gen_ai.response.model=other,gen_ai.token.type=input}",
            "gen_ai.client.token.usage{"
                + gen
                + "other,gen_ai.response.model=other,gen_ai.token.type=output}"),
        ids());
    assertEquals(998.0, registry.get(DeclaudeMetrics.CALLS).tag("model", "other").timer().count());
  }

  @Test
  void aThousandNewErrorTypesMakeNoMoreMetersThanTheCapAllows() throws Exception {
    startHostileServer(true);
    try (ClaudeClient client = client()) {
      for (int i = 0; i < 1_000; i++) {
        assertThrows(ServerException.class, () -> client.send(asking("claude-haiku-4-5")));
      }
    }

    String gen =
        ",gen_ai.operation.name=chat,gen_ai.provider.name=anthropic,gen_ai.request.model=claude-haiku-4-5,"
            + "gen_ai.response.model=none}";
    assertEquals(
        List.of(
            "declaude.calls{error=SERVER,kind=failed_without_retry,method=none,model=claude-haiku-4-5,service=none}",
            "gen_ai.client.operation.duration{error.type=hostile_type_0" + gen,
            "gen_ai.client.operation.duration{error.type=hostile_type_1" + gen,
            "gen_ai.client.operation.duration{error.type=hostile_type_2" + gen,
            "gen_ai.client.operation.duration{error.type=hostile_type_3" + gen,
            "gen_ai.client.operation.duration{error.type=other" + gen),
        ids());
  }

  @Test
  void valuesThatAreNotPlainIdentifiersAreRecordedAsOtherFromTheStart() {
    TagValues values = new TagValues("model", CAP);

    assertEquals(
        List.of("other", "other", "other", "claude-haiku-4-5"),
        List.of(
            values.fold("claude\nFAKE_LOG_LINE"),
            values.fold("x".repeat(101)),
            values.fold(""),
            values.fold("claude-haiku-4-5")));
  }

  /** Returns the meters' names and tags, without the bucket gauges SimpleMeterRegistry adds. */
  private List<String> ids() {
    return MeterListing.of(registry).stream()
        .filter(l -> !l.contains(".histogram{"))
        .map(l -> l.substring(0, l.indexOf('}') + 1))
        .collect(Collectors.toList());
  }
}
