package dev.declaude.testkit.server;

import dev.declaude.testkit.RetryAfterStyle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of the server's options; a bad value is a {@link UsageException} naming the
 * option.
 */
final class OptionValues {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)/(min|s)");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
  private static final Pattern FAULT = Pattern.compile("(\\d{3}):(\\d*\\.?\\d+)");

  private OptionValues() {}

  static String host(String value) {
    try {
      InetAddress.getByName(nonBlank("--host", value));
      return value;
    } catch (UnknownHostException e) {
      throw new UsageException("--host: unknown host \"" + value + "\"");
    }
  }

  static String nonBlank(String name, String value) {
    if (value.isBlank()) {
      throw new UsageException(name + " must not be blank");
    }
    return value;
  }

  static int integer(String name, String value, int min, int max) {
    long parsed = longInteger(name, value, min);
    if (parsed > max) {
      throw new UsageException(
          name + " must be an integer in " + min + ".." + max + ", was \"" + value + "\"");
    }
    return (int) parsed;
  }

  static long longInteger(String name, String value, long min) {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be an integer, was \"" + value + "\"");
    }
    if (parsed < min) {
      throw new UsageException(name + " must be at least " + min + ", was \"" + value + "\"");
    }
    return parsed;
  }

  static double rate(String value) {
    Matcher m = RATE.matcher(value);
    double count = m.matches() ? Double.parseDouble(m.group(1)) : 0;
    if (!(count > 0)) {
      throw new UsageException(
          "--rate-limit must be a positive number of requests per minute or second, such"
              + " as 50/min or 20/s, was \""
              + value
              + "\"");
    }
    return m.group(2).equals("min") ? count / 60 : count;
  }

  static Duration duration(String name, String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new UsageException(
          name + " must be a duration such as 20ms or 1.5s, was \"" + value + "\"");
    }
    double amount = Double.parseDouble(m.group(1));
    return Duration.ofNanos(Math.round(amount * (m.group(2).equals("ms") ? 1e6 : 1e9)));
  }

  static ServerOptions.FaultRate fault(String value) {
    Matcher m = FAULT.matcher(value);
    if (!m.matches()) {
      throw new UsageException(
          "--fault must be STATUS:PROBABILITY, such as 529:0.2, was \"" + value + "\"");
    }
    int status = Integer.parseInt(m.group(1));
    double probability = Double.parseDouble(m.group(2));
    if (status < 400 || status > 599 || probability > 1) {
      throw new UsageException(
          "--fault needs a status in 400..599 and a probability in [0, 1], was \"" + value + "\"");
    }
    return new ServerOptions.FaultRate(status, probability);
  }

  @SafeVarargs
  static <T extends Enum<T>> T choice(String name, String value, T... choices) {
    List<String> words = new ArrayList<>();
    for (T choice : choices) {
      String word = word(choice);
      if (word.equals(value)) {
        return choice;
      }
      words.add(word);
    }
    throw new UsageException(
        name + " must be one of " + String.join(", ", words) + ", was \"" + value + "\"");
  }

  // The command line's word for each choice.
  private static String word(Enum<?> choice) {
    if (choice == RetryAfterStyle.WHOLE_SECONDS) {
      return "seconds";
    }
    if (choice == RetryAfterStyle.WITH_MILLIS) {
      return "millis";
    }
    return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
