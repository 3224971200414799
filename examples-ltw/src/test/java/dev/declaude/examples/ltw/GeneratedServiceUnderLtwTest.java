package dev.declaude.examples.ltw;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.error.OverloadedException;
import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import dev.declaude.service.GeneratedService;
import java.lang.reflect.Type;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.implementation.attribute.MethodAttributeAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under the agent, a class implementing {@link GeneratedService} is never advised, even with
 * {@code @RetryOn} copied onto its methods: a generated service's call is retried once per attempt
 * by its own engine call, never twice over. Load-time weaving sees runtime classes, so this is
 * where it matters.
 */
class GeneratedServiceUnderLtwTest {
  private final Backend backend = new Backend();
  private RetryEngine previous;

  @BeforeEach
  void recordWaits() {
    previous =
        DeclaudeAspects.useEngine(
            RetryEngine.builder().sleeper(d -> {}).budget(RetryBudget.unlimited()).build());
    EngineDispatch.EXECUTIONS.set(0);
  }

  @AfterEach
  void restoreEngine() {
    DeclaudeAspects.useEngine(previous);
  }

  @Test
  void handMadeGeneratedServiceIsNotAdvised() {
    OverloadedException thrown =
        assertThrows(
            OverloadedException.class, () -> new HandMadeGeneratedService().answer(backend));

    assertEquals(1, EngineDispatch.EXECUTIONS.get());
    assertEquals(3, backend.calls());
    assertEquals(3, thrown.attempts());
  }

  @Test
  void sameClassWithoutTheMarkerIsAdvisedButRunsOneRetryLoop() {
    assertThrows(OverloadedException.class, () -> new UnmarkedTwin().answer(backend));

    // The aspect's 3 attempts each run the service method, whose own call then makes one attempt:
    // one
    // logical call has one loop, so 3 requests, not the 3 x 3 that stacked loops would make.
    assertEquals(3, EngineDispatch.EXECUTIONS.get());
    assertEquals(3, backend.calls());
  }

  @Test
  void byteBuddyClassWithTheMarkerIsNotAdvised() throws Exception {
    Answerer service = generate("GeneratedAnswerer", GeneratedService.class);

    assertThrows(OverloadedException.class, () -> service.answer(backend));

    assertEquals(1, EngineDispatch.EXECUTIONS.get());
    assertEquals(3, backend.calls());
  }

  @Test
  void byteBuddyClassWithoutTheMarkerIsSeenByTheWeaver() throws Exception {
    Answerer service = generate("UnmarkedGeneratedAnswerer");

    assertThrows(OverloadedException.class, () -> service.answer(backend));

    // Advised (its method ran once per outer attempt), yet one loop: 3 requests.
    assertEquals(3, EngineDispatch.EXECUTIONS.get());
    assertEquals(3, backend.calls());
  }

  /**
   * Generates an {@link Answerer} as declaude's factory does: annotations copied, a new class
   * loader.
   */
  private static Answerer generate(String simpleName, Type... more) throws Exception {
    return (Answerer)
        new ByteBuddy()
            .subclass(Object.class)
            .name("dev.declaude.examples.ltw." + simpleName)
            .implement(Answerer.class)
            .implement(more)
            .method(named("answer"))
            .intercept(MethodDelegation.to(EngineDispatch.class))
            .attribute(MethodAttributeAppender.ForInstrumentedMethod.INCLUDING_RECEIVER)
            .make()
            .load(Answerer.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded()
            .getDeclaredConstructor()
            .newInstance();
  }
}
