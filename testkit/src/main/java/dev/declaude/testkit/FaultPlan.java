package dev.declaude.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which fault, if any, the next request meets: first the scripted queue (one fault per request, in
 * order), then an outage in force at the clock's time, then the random fault rates drawn from a
 * seeded generator. Thread-safe; with one client thread, a given seed always yields the same
 * faults.
 */
final class FaultPlan {
  private final Queue<Fault> scripted = new ConcurrentLinkedQueue<>();
  private final List<Outage> outages = new CopyOnWriteArrayList<>();
  private final List<Rate> rates = new CopyOnWriteArrayList<>();
  private final List<Rate> configured;
  private final long seed;
  private final Random random;

  /**
   * Creates a plan whose {@code configured} rates are part of the simulator's settings: reset keeps
   * them.
   */
  FaultPlan(long seed, List<Rate> configured) {
    this.seed = seed;
    this.random = new Random(seed);
    this.configured = List.copyOf(configured);
    rates.addAll(this.configured);
  }

  /** An outage of every model ({@code model == null}) or of one. */
  private record Outage(Instant until, Fault fault, String model) {
    boolean covers(Instant now, String requested) {
      return now.isBefore(until) && (model == null || model.equals(requested));
    }
  }

  /** A share of requests that meet a fault. */
  record Rate(double probability, Fault fault) {}

  /** Queues faults for the next requests, one each. */
  void enqueue(Fault... faults) {
    for (Fault fault : faults) {
      scripted.add(fault);
    }
  }

  /** Makes every request before {@code until} meet {@code fault}. */
  void outage(Instant until, Fault fault) {
    outages.add(new Outage(until, fault, null));
  }

  /**
   * Makes every request for {@code model} (as the request names it) before {@code until} meet
   * {@code fault}.
   */
  void outage(Instant until, Fault fault, String model) {
    outages.add(new Outage(until, fault, model));
  }

  /**
   * Makes each request meet {@code fault} with {@code probability}, besides the rates already set.
   *
   * @throws IllegalArgumentException if the rates would add up to more than 1
   */
  void rate(double probability, Fault fault) {
    double total = probability + rates.stream().mapToDouble(Rate::probability).sum();
    if (total > 1.0 + 1e-9) {
      throw new IllegalArgumentException("fault rates add up to " + total + ", more than 1");
    }
    rates.add(new Rate(probability, fault));
  }

  /**
   * Returns the fault for a request for {@code model} (null when it names none) arriving at {@code
   * now}, taking a scripted one off the queue.
   */
  Optional<Fault> next(Instant now, String model) {
    Fault fault = scripted.poll();
    if (fault != null) {
      return Optional.of(fault);
    }
    for (Outage outage : outages) {
      if (outage.covers(now, model)) {
        return Optional.of(outage.fault());
      }
    }
    return drawRate();
  }

  private Optional<Fault> drawRate() {
    if (rates.isEmpty()) {
      return Optional.empty();
    }
    // One draw per request picks at most one fault: the rates split [0, 1) between them.
    double draw = random.nextDouble();
    double bound = 0;
    for (Rate rate : rates) {
      bound += rate.probability();
      if (draw < bound) {
        return Optional.of(rate.fault());
      }
    }
    return Optional.empty();
  }

  /**
   * Forgets scripted faults, outages and the rates added since, keeps the configured rates, and
   * restarts the random sequence from the seed.
   */
  void clear() {
    scripted.clear();
    outages.clear();
    rates.clear();
    rates.addAll(configured);
    random.setSeed(seed);
  }
}
