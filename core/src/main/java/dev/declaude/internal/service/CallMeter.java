package dev.declaude.internal.service;

import dev.declaude.event.CallEvent;
import dev.declaude.response.ClaudeResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures one call for the listeners: when it started, how many requests it made, and how it
 * ended. Told at most once of the end. Thread-safe: an asynchronous call's attempts run on other
 * threads.
 */
final class CallMeter {
  private final ServiceRuntime runtime;
  private final String service;
  private final String method;
  private final String model;
  private final long start;
  private final AtomicInteger attempts = new AtomicInteger();

  CallMeter(ServiceRuntime runtime, String service, String method, String model) {
    this.runtime = runtime;
    this.service = service;
    this.method = method;
    this.model = model;
    this.start = runtime.time().millis();
  }

  /** Counts a request about to be sent. */
  void attempt() {
    attempts.incrementAndGet();
  }

  /** Tells that the call returned {@code response}. */
  void succeeded(ClaudeResponse response) {
    runtime
        .listeners()
        .call(
            new CallEvent(
                service,
                method,
                model,
                response.message().model(),
                attempts.get(),
                elapsed(),
                response.usage(),
                null));
  }

  /** Tells that the call threw {@code failure}. */
  void failed(Throwable failure) {
    runtime
        .listeners()
        .call(
            new CallEvent(service, method, model, null, attempts.get(), elapsed(), null, failure));
  }

  private Duration elapsed() {
    return Duration.ofMillis(Math.max(0, runtime.time().millis() - start));
  }
}
