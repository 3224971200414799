package dev.declaude.testkit.server;

import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorBuilder;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.RequestsLimitHeader;
import dev.declaude.testkit.RetryAfterStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standalone server's command line: {@code --name value} or {@code --name=value} options, each
 * checked as it is read, then turned into a simulator builder. The usage text is made from the same
 * table, so every option is listed with its default.
 */
final class ServerOptions {
  private static final Map<String, Option> OPTIONS = options();

  String host = "127.0.0.1";
  int port = 8080;
  String apiKey = ClaudeSimulator.DEFAULT_API_KEY;
  long seed;
  double requestsPerSecond;
  int burst;
  RequestsLimitHeader requestsLimitHeader = RequestsLimitHeader.PER_MINUTE;
  RetryAfterStyle retryAfterStyle = RetryAfterStyle.WHOLE_SECONDS;
  long inputTokensPerMinute;
  long outputTokensPerMinute;
  int maxConcurrent;
  final List<FaultRate> faults = new ArrayList<>();
  Duration latency = Duration.ZERO;
  boolean help;

  /** A share of requests answered with an error status. */
  record FaultRate(int status, double probability) {}

  private interface Setter {
    void set(ServerOptions options, String value);
  }

  private record Option(String name, String value, String help, String byDefault, Setter setter) {}

  private static Map<String, Option> options() {
    Map<String, Option> all = new LinkedHashMap<>();
    add(
        all,
        "--host",
        "HOST",
        "address to listen on; 0.0.0.0 for every interface",
        "127.0.0.1",
        (o, v) -> o.host = OptionValues.host(v));
    add(
        all,
        "--port",
        "PORT",
        "port to listen on; 0 picks a free one",
        "8080",
        (o, v) -> o.port = OptionValues.integer("--port", v, 0, 65_535));
    add(
        all,
        "--api-key",
        "KEY",
        "the API key the simulator accepts",
        ClaudeSimulator.DEFAULT_API_KEY,
        (o, v) -> o.apiKey = OptionValues.nonBlank("--api-key", v));
    add(
        all,
        "--seed",
        "N",
        "seed of the fault rates and ids; the same seed gives the same run",
        "0",
        (o, v) -> o.seed = OptionValues.longInteger("--seed", v, Long.MIN_VALUE));
    add(
        all,
        "--rate-limit",
        "N/min|N/s",
        "limit Messages requests with a token bucket refilled at this rate",
        "none",
        (o, v) -> o.requestsPerSecond = OptionValues.rate(v));
    add(
        all,
        "--burst",
        "N",
        "the bucket's size for --rate-limit",
        "one second's worth, at least 1",
        (o, v) -> o.burst = OptionValues.integer("--burst", v, 1, Integer.MAX_VALUE));
    add(
        all,
        "--requests-limit-header",
        "per-minute|burst",
        "what anthropic-ratelimit-requests-limit reports for --rate-limit",
        "per-minute",
        (o, v) ->
            o.requestsLimitHeader =
                OptionValues.choice(
                    "--requests-limit-header",
                    v,
                    RequestsLimitHeader.PER_MINUTE,
                    RequestsLimitHeader.BURST));
    add(
        all,
        "--retry-after-style",
        "seconds|millis",
        "how a 429 of the limits says when to retry: retry-after, or also retry-after-ms",
        "seconds",
        (o, v) ->
            o.retryAfterStyle =
                OptionValues.choice(
                    "--retry-after-style",
                    v,
                    RetryAfterStyle.WHOLE_SECONDS,
                    RetryAfterStyle.WITH_MILLIS));
    add(
        all,
        "--input-tokens-per-minute",
        "N",
        "limit the input tokens of Messages requests per minute",
        "none",
        (o, v) ->
            o.inputTokensPerMinute = OptionValues.longInteger("--input-tokens-per-minute", v, 1));
    add(
        all,
        "--output-tokens-per-minute",
        "N",
        "limit output tokens per minute; a request reserves its max_tokens",
        "none",
        (o, v) ->
            o.outputTokensPerMinute = OptionValues.longInteger("--output-tokens-per-minute", v, 1));
    add(
        all,
        "--max-concurrent",
        "N",
        "serve at most N Messages requests at once; 529 above that",
        "none",
        (o, v) ->
            o.maxConcurrent = OptionValues.integer("--max-concurrent", v, 1, Integer.MAX_VALUE));
    add(
        all,
        "--fault",
        "STATUS:P",
        "answer a share P of requests with an error, e.g. 529:0.2; repeatable",
        "none",
        (o, v) -> o.faults.add(OptionValues.fault(v)));
    add(
        all,
        "--latency",
        "DURATION",
        "hold every response back this long, e.g. 20ms or 1.5s",
        "0ms",
        (o, v) -> o.latency = OptionValues.duration("--latency", v));
    add(all, "--help", null, "print this help and exit", null, (o, v) -> o.help = true);
    return all;
  }

  private static void add(
      Map<String, Option> all,
      String name,
      String value,
      String help,
      String byDefault,
      Setter setter) {
    all.put(name, new Option(name, value, help, byDefault, setter));
  }

  /**
   * Reads {@code args}.
   *
   * @throws UsageException naming the first unknown option, missing value or bad value, or a
   *     conflict
   */
  static ServerOptions parse(String... args) {
    ServerOptions options = new ServerOptions();
    boolean burstGiven = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      Option option = OPTIONS.get(name);
      if (option == null) {
        throw new UsageException("unknown option " + arg);
      }
      String value = null;
      if (option.value() != null) {
        if (equals > 0) {
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException(name + " needs a value: " + option.value());
        }
      } else if (equals > 0) {
        throw new UsageException(name + " takes no value");
      }
      option.setter().set(options, value);
      burstGiven |= name.equals("--burst");
    }
    options.check(burstGiven);
    return options;
  }

  private void check(boolean burstGiven) {
    if (requestsPerSecond == 0
        && (burstGiven || requestsLimitHeader == RequestsLimitHeader.BURST)) {
      throw new UsageException(
          (burstGiven ? "--burst" : "--requests-limit-header burst") + " needs --rate-limit");
    }
    if (requestsPerSecond > 0 && !burstGiven) {
      burst = (int) Math.max(1, Math.ceil(requestsPerSecond));
    }
    double total = faults.stream().mapToDouble(FaultRate::probability).sum();
    if (total > 1 + 1e-9) {
      throw new UsageException("the --fault shares add up to " + total + ", more than 1");
    }
  }

  /** Returns a builder configured by these options. */
  ClaudeSimulatorBuilder builder() {
    ClaudeSimulatorBuilder builder =
        ClaudeSimulator.builder()
            .host(host)
            .port(port)
            .apiKey(apiKey)
            .seed(seed)
            .retryAfterStyle(retryAfterStyle)
            .requestsLimitHeader(requestsLimitHeader)
            .latency(latency);
    if (requestsPerSecond > 0) {
      builder.rateLimit(requestsPerSecond, burst);
    }
    if (inputTokensPerMinute > 0) {
      builder.inputTokensPerMinute(inputTokensPerMinute);
    }
    if (outputTokensPerMinute > 0) {
      builder.outputTokensPerMinute(outputTokensPerMinute);
    }
    if (maxConcurrent > 0) {
      builder.maxConcurrentRequests(maxConcurrent);
    }
    for (FaultRate fault : faults) {
      builder.faultRate(fault.probability(), Fault.status(fault.status()));
    }
    return builder;
  }

  /** Returns the usage text: every option with its value, meaning and default. */
  static String usage() {
    StringBuilder out =
        new StringBuilder()
            .append("Usage: java -jar declaude-testkit-<version>-server.jar [options]\n\n")
            .append(
                "Serves the declaude Claude Messages API simulator until stopped (Ctrl-C). Point a client at\n")
            .append(
                "the printed URL with the printed API key; script faults and read what it received through\n")
            .append(
                "the admin endpoint under /_simulator/ (see the testkit README).\n\nOptions:\n");
    for (Option option : OPTIONS.values()) {
      String left = "  " + option.name() + (option.value() == null ? "" : " " + option.value());
      out.append(String.format(Locale.ROOT, "%-42s %s", left, option.help()));
      if (option.byDefault() != null) {
        out.append(" (default: ").append(option.byDefault()).append(')');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
