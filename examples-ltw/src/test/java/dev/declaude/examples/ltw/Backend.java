package dev.declaude.examples.ltw;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.internal.http.ErrorTranslator;
import dev.declaude.response.ResponseMetadata;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend that is always overloaded; counts the calls that reach it. */
public final class Backend {
  private final AtomicInteger calls = new AtomicInteger();

  /** Fails with a 529, as the API does when overloaded. */
  public String call() {
    calls.incrementAndGet();
    ClaudeApiException overloaded = ErrorTranslator.translate(ResponseMetadata.ofStatus(529), "");
    throw overloaded;
  }

  /** Returns how many calls reached this backend. */
  public int calls() {
    return calls.get();
  }
}
