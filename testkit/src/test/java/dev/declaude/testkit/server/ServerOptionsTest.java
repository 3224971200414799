package dev.declaude.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.RequestsLimitHeader;
import dev.declaude.testkit.RetryAfterStyle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerOptionsTest {
  @Test
  void withoutOptionsTheServerListensOnLoopbackPort8080WithTheDefaultKey() {
    ServerOptions options = ServerOptions.parse();

    assertEquals("127.0.0.1", options.host);
    assertEquals(8080, options.port);
    assertEquals(ClaudeSimulator.DEFAULT_API_KEY, options.apiKey);
    assertEquals(0, options.requestsPerSecond);
    assertEquals(Duration.ZERO, options.latency);
    assertEquals(List.of(), options.faults);
    assertFalse(options.help);
  }

  @Test
  void everyOptionIsReadInEitherForm() {
    ServerOptions options =
        ServerOptions.parse(
            "--host",
            "0.0.0.0",
            "--port=0",
            "--api-key",
            "sk-ant-sim-mine",
            "--seed",
            "7",
            "--rate-limit",
            "50/min",
            "--burst",
            "3",
            "--requests-limit-header",
            "burst",
            "--retry-after-style",
            "millis",
            "--input-tokens-per-minute",
            "30000",
            "--output-tokens-per-minute=8000",
            "--max-concurrent",
            "4",
            "--fault",
            "529:0.2",
            "--fault",
            "500:.05",
            "--latency",
            "1.5s",
            "--help");

    assertEquals("0.0.0.0", options.host);
    assertEquals(0, options.port);
    assertEquals("sk-ant-sim-mine", options.apiKey);
    assertEquals(7, options.seed);
    assertEquals(50 / 60.0, options.requestsPerSecond);
    assertEquals(3, options.burst);
    assertEquals(RequestsLimitHeader.BURST, options.requestsLimitHeader);
    assertEquals(RetryAfterStyle.WITH_MILLIS, options.retryAfterStyle);
    assertEquals(30_000, options.inputTokensPerMinute);
    assertEquals(8_000, options.outputTokensPerMinute);
    assertEquals(4, options.maxConcurrent);
    assertEquals(
        List.of(new ServerOptions.FaultRate(529, 0.2), new ServerOptions.FaultRate(500, 0.05)),
        options.faults);
    assertEquals(Duration.ofMillis(1500), options.latency);
    assertTrue(options.help);
  }

  @ParameterizedTest
  @CsvSource({"50/min, 1", "20/s, 20", "2.5/s, 3"})
  void theBurstDefaultsToOneSecondsWorthAtLeastOne(String rate, int burst) {
    assertEquals(burst, ServerOptions.parse("--rate-limit", rate).burst);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--nope | unknown option --nope",
        "--port | --port needs a value: PORT",
        "--help=yes | --help takes no value",
        "--port 70000 | --port must be an integer in 0..65535, was \"70000\"",
        "--port x | --port must be an integer, was \"x\"",
        "--max-concurrent 0 | --max-concurrent must be at least 1, was \"0\"",
        "--rate-limit 50 | --rate-limit must be a positive number of requests per minute or second, such as 50/min"
            + " or 20/s, was \"50\"",
        "--latency 20 | --latency must be a duration such as 20ms or 1.5s, was \"20\"",
        "--fault 529 | --fault must be STATUS:PROBABILITY, such as 529:0.2, was \"529\"",
        "--fault 200:0.1 | --fault needs a status in 400..599 and a probability in [0, 1], was \"200:0.1\"",
        "--fault 529:0.7 --fault 500:0.5 | the --fault shares add up to 1.2, more than 1",
        "--retry-after-style ms | --retry-after-style must be one of seconds, millis, was \"ms\"",
        "--requests-limit-header rpm | --requests-limit-header must be one of per-minute, burst, was \"rpm\"",
        "--burst 2 | --burst needs --rate-limit",
        "--requests-limit-header burst | --requests-limit-header burst needs --rate-limit"
      })
  void aBadCommandLineIsRefusedNamingTheOption(String args, String message) {
    UsageException e =
        assertThrows(UsageException.class, () -> ServerOptions.parse(args.split(" ")));

    assertEquals(message, e.getMessage());
  }

  @Test
  void theUsageListsEveryOptionWithItsDefault() {
    assertEquals(
        "Usage: java -jar declaude-testkit-<version>-server.jar [options]\n"
            + "\n"
            + "Serves the declaude Claude Messages API simulator until stopped (Ctrl-C). Point a client at\n"
            + "the printed URL with the printed API key; script faults and read what it received through\n"
            + "the admin endpoint under /_simulator/ (see the testkit README).\n"
            + "\n"
            + "Options:\n"
            + "  --host HOST                              address to listen on; 0.0.0.0 for every interface"
            + " (default: 127.0.0.1)\n"
            + "  --port PORT                              port to listen on; 0 picks a free one (default: 8080)\n"
            + "  --api-key KEY                            the API key the simulator accepts"
            + " (default: sk-ant-sim-00000000000000000000000000000000)\n"
            + "  --seed N                                 seed of the fault rates and ids; the same seed gives the"
            + " same run (default: 0)\n"
            + "  --rate-limit N/min|N/s                   limit Messages requests with a token bucket refilled at"
            + " this rate (default: none)\n"
            + "  --burst N                                the bucket's size for --rate-limit"
            + " (default: one second's worth, at least 1)\n"
            + "  --requests-limit-header per-minute|burst what anthropic-ratelimit-requests-limit reports for"
            + " --rate-limit (default: per-minute)\n"
            + "  --retry-after-style seconds|millis       how a 429 of the limits says when to retry: retry-after,"
            + " or also retry-after-ms (default: seconds)\n"
            + "  --input-tokens-per-minute N              limit the input tokens of Messages requests per minute"
            + " (default: none)\n"
            + "  --output-tokens-per-minute N             limit output tokens per minute; a request reserves its"
            + " max_tokens (default: none)\n"
            + "  --max-concurrent N                       serve at most N Messages requests at once; 529 above"
            + " that (default: none)\n"
            + "  --fault STATUS:P                         answer a share P of requests with an error, e.g. 529:0.2;"
            + " repeatable (default: none)\n"
            + "  --latency DURATION                       hold every response back this long, e.g. 20ms or 1.5s"
            + " (default: 0ms)\n"
            + "  --help                                   print this help and exit\n",
        ServerOptions.usage());
  }

  @Test
  void theOptionsConfigureTheSimulatorTheFaultRatesIncludedAfterAReset() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            "--port",
            "0",
            "--rate-limit",
            "2/min",
            "--burst",
            "2",
            "--requests-limit-header",
            "burst",
            "--fault",
            "503:1");
    try (ClaudeSimulator sim = options.builder().build().start()) {
      sim.reset();
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
                      .header("x-api-key", sim.apiKey())
                      .header("anthropic-version", "2023-06-01")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertEquals(503, answer.statusCode());
      assertEquals(1, sim.requestCount());
    }
  }
}
