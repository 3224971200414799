package dev.declaude.woven;

import static dev.declaude.annotation.ErrorKind.AUTHENTICATION;
import static dev.declaude.annotation.ErrorKind.CONNECTION;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;
import java.io.IOException;

/** Methods that carry {@code @RetryOn} themselves, woven by ajc at test-compile. */
public class AnnotatedMethods {
  @RetryOn(value = SERVER, maxAttempts = 3)
  public String server(Script script) {
    return script.call();
  }

  @RetryOn(
      value = {RATE_LIMIT, SERVER},
      maxAttempts = 3)
  public String rateLimitOrServer(Script script) {
    return script.call();
  }

  @RetryOn(value = CONNECTION, maxAttempts = 3)
  public String connection(Script script) throws IOException {
    return script.call();
  }

  @RetryOn(value = SERVER, maxAttempts = 3)
  public String serverOnly(Script script) throws IOException {
    return script.call();
  }

  /** One attempt: shows what a failure is translated to. */
  @RetryOn(value = SERVER, maxAttempts = 1)
  public String serverOnlyOnce(Script script) {
    return script.call();
  }

  @RetryOn(value = SERVER, maxAttempts = 4)
  public static String staticServer(Script script) {
    return script.call();
  }

  @RetryOn(value = SERVER, maxAttempts = 3)
  private String privateServer(Script script) {
    return script.call();
  }

  /** Calls the private annotated method, which is advised all the same. */
  public String callsPrivate(Script script) {
    return privateServer(script);
  }

  public String notAnnotated(Script script) {
    return script.call();
  }

  // AUTHENTICATION cannot be fixed by retrying; the processor would reject it at compile time.
  @RetryOn(AUTHENTICATION)
  public String invalid(Script script) {
    return script.call();
  }
}
