package dev.declaude.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Lists every meter of a registry as one line each, sorted, so a test can assert all of them at
 * once.
 */
final class MeterListing {
  private MeterListing() {}

  /** Returns a line per meter: its name, its tags sorted by key, and what it recorded. */
  static List<String> of(MeterRegistry registry) {
    return registry.getMeters().stream()
        .map(MeterListing::line)
        .sorted()
        .collect(Collectors.toList());
  }

  static String line(Meter meter) {
    String id =
        meter.getId().getName()
            + meter.getId().getTags().stream()
                .map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    if (meter instanceof Timer) {
      Timer t = (Timer) meter;
      return id
          + " count="
          + t.count()
          + " total="
          + (long) t.totalTime(TimeUnit.MILLISECONDS)
          + "ms";
    }
    if (meter instanceof DistributionSummary) {
      DistributionSummary s = (DistributionSummary) meter;
      return id + " count=" + s.count() + " total=" + (long) s.totalAmount();
    }
    if (meter instanceof Counter) {
      return id + " count=" + (long) ((Counter) meter).count();
    }
    if (meter instanceof Gauge) {
      return id + " value=" + (long) ((Gauge) meter).value();
    }
    return id + " " + meter.getClass().getSimpleName();
  }
}
