package dev.declaude.aspects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.ServerException;
import dev.declaude.woven.AnnotatedMethods;
import dev.declaude.woven.AnnotatedType;
import dev.declaude.woven.HandMadeGeneratedService;
import dev.declaude.woven.Prompt;
import dev.declaude.woven.Script;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryAspectTest {
  @RegisterExtension final RecordingEngine engine = new RecordingEngine();

  private final AnnotatedMethods methods = new AnnotatedMethods();
  private final AnnotatedType type = new AnnotatedType();

  @Test
  void annotatedMethodIsRetriedUntilItSucceeds() {
    Script script = Script.failing(Failures.status(529), Failures.status(500));

    assertEquals("ok", methods.server(script));
    assertEquals(3, script.calls());
    assertEquals(2, engine.sleeper().waits().size());
  }

  @Test
  void exhaustedRetriesThrowTheLastFailureWithAttemptsAndEarlierFailuresSuppressed() {
    OverloadedException first = (OverloadedException) Failures.status(529);
    OverloadedException second = (OverloadedException) Failures.status(529);
    OverloadedException last = (OverloadedException) Failures.status(529);

    OverloadedException thrown =
        assertThrows(
            OverloadedException.class, () -> methods.server(Script.failing(first, second, last)));

    assertSame(last, thrown);
    assertEquals(3, thrown.attempts());
    assertArrayEquals(new Throwable[] {first, second}, thrown.getSuppressed());
  }

  @Test
  void unlistedKindIsNotRetried() {
    Script script = Script.failing(Failures.status(429));

    assertThrows(RateLimitException.class, () -> methods.server(script));
    assertEquals(1, script.calls());
  }

  @Test
  void foreignRuntimeExceptionPassesThroughUntouchedAndIsNotRetried() {
    IllegalStateException bug = new IllegalStateException("bug");
    Script script = Script.failing(bug);

    assertSame(bug, assertThrows(IllegalStateException.class, () -> methods.server(script)));
    assertEquals(1, script.calls());
  }

  @Test
  void staticMethodIsWoven() {
    Script script = Script.alwaysFailing(Failures.status(503));

    ServerException thrown =
        assertThrows(ServerException.class, () -> AnnotatedMethods.staticServer(script));
    assertEquals(4, script.calls());
    assertEquals(4, thrown.attempts());
  }

  @Test
  void privateAnnotatedMethodIsWoven() {
    Script script = Script.failing(Failures.status(529));

    assertEquals("ok", methods.callsPrivate(script));
    assertEquals(2, script.calls());
  }

  @Test
  void recordMethodIsWovenAndTheRecordStillBehavesAsOne() {
    Script script = Script.failing(Failures.status(529), Failures.status(529));
    Prompt prompt = new Prompt("q");

    assertEquals("q:ok", prompt.ask(script));
    assertEquals(3, script.calls());
    assertTrue(Prompt.class.isRecord());
    assertEquals(new Prompt("q"), prompt);
  }

  @Test
  void methodOfAnnotatedTypeIsRetriedOncePerCallNotPerHelper() {
    Script script = Script.alwaysFailing(Failures.status(429));

    RateLimitException thrown =
        assertThrows(RateLimitException.class, () -> type.inherited(script));
    // 3 attempts of the public method; the private helper is not advised on its own (that would
    // make 9).
    assertEquals(3, script.calls());
    assertEquals(3, thrown.attempts());
  }

  @Test
  void lambdaInsideAnnotatedTypeDoesNotAddARetryLoop() {
    Script script = Script.alwaysFailing(Failures.status(429));

    assertThrows(RateLimitException.class, () -> type.throughLambda(script));
    assertEquals(3, script.calls());
  }

  @Test
  void staticMethodOfAnnotatedTypeIsRetried() {
    Script script = Script.alwaysFailing(Failures.status(429));

    assertThrows(RateLimitException.class, () -> AnnotatedType.staticOfType(script));
    assertEquals(3, script.calls());
  }

  @Test
  void methodAnnotationOverridesTypeAnnotation() {
    Script script = Script.alwaysFailing(Failures.status(429));

    RateLimitException thrown =
        assertThrows(RateLimitException.class, () -> type.overridden(script));
    assertEquals(2, script.calls());
    assertEquals(2, thrown.attempts());
  }

  @Test
  void methodWithoutAnnotationIsNotAdvised() {
    ConnectException refused = new ConnectException("refused");
    Script script = Script.failing(Failures.status(529));

    assertThrows(OverloadedException.class, () -> methods.notAnnotated(script));
    assertEquals(1, script.calls());
    // Nor translated: the aspects touch only @RetryOn methods.
    assertSame(
        refused,
        assertThrows(ConnectException.class, () -> methods.notAnnotated(Script.failing(refused))));
  }

  @Test
  void checkedIoExceptionBecomesConnectionFailureAndIsRetriedWhenConnectionIsListed()
      throws IOException {
    Script script =
        Script.failing(
            new ConnectException("Connection refused"),
            new java.net.SocketException("Connection reset"));

    assertEquals("ok", methods.connection(script));
    assertEquals(3, script.calls());
  }

  @Test
  void checkedIoExceptionBecomesConnectionFailureButIsNotRetriedWhenConnectionIsNotListed() {
    ConnectException refused = new ConnectException("Connection refused");
    Script script = Script.failing(refused);

    ClaudeConnectionException thrown =
        assertThrows(ClaudeConnectionException.class, () -> methods.serverOnly(script));
    assertEquals(1, script.calls());
    assertSame(refused, thrown.getCause());
    assertEquals("AnnotatedMethods.serverOnly(..) failed: Connection refused", thrown.getMessage());
  }

  @Test
  void generatedServiceIsNotAdvisedSoItsOwnRetriesAreNotMultiplied() {
    HandMadeGeneratedService service = new HandMadeGeneratedService();
    Script backend = Script.alwaysFailing(Failures.status(529));

    OverloadedException thrown =
        assertThrows(OverloadedException.class, () -> service.answer(backend));
    assertEquals(1, service.executions());
    assertEquals(3, backend.calls());
    assertEquals(3, thrown.attempts());
  }

  @Test
  void invalidAnnotationFailsTheCallNamingTheMethod() {
    Script script = Script.failing();

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> methods.invalid(script));
    assertEquals(
        "invalid @RetryOn on public java.lang.String dev.declaude.woven.AnnotatedMethods.invalid("
            + "dev.declaude.woven.Script): [declaude:retry-kind] AUTHENTICATION cannot be fixed by retrying: the same"
            + " request fails the same way again; retry only CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT,"
            + " CONNECTION",
        thrown.getMessage());
    assertEquals(0, script.calls());
  }
}
