package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.ServiceDefinitionException;
import dev.declaude.internal.rules.RuleSet;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-08-22");

  static class NotAnInterface {
    @ClaudePrompt("Hi {name}")
    public String hi(String name) {
      return name;
    }
  }

  interface Valid {
    @ClaudePrompt("Hi {name}")
    String hi(String name);
  }

  @RetryOn(value = ErrorKind.SERVER, maxAttempts = 0)
  interface BrokenBase {
    @ClaudePrompt("Hi {name}")
    String hi(String name);
  }

  interface InheritsABrokenRetry extends BrokenBase {}

  @Test
  void anInvalidRetryOnAnInheritedInterfaceIsRefusedNotRunUnchecked() {
    ServiceDefinitionException e =
        assertThrows(
            ServiceDefinitionException.class,
            () -> ServiceRules.requireValid(RuleSet.standard(), InheritsABrokenRetry.class, TODAY));

    assertEquals(
        "dev.declaude.internal.service.ServiceRulesTest.InheritsABrokenRetry breaks 1 rule of declaude:\n"
            + "  hi: [declaude:retry-max-attempts] maxAttempts is 0 but must be at least 1 (it counts the first attempt);"
            + " use 1 for no retries",
        e.getMessage());
  }

  @Test
  void createRefusesAClassListingTheRule() {
    ServiceDefinitionException e =
        assertThrows(
            ServiceDefinitionException.class,
            () -> ServiceRules.requireValid(RuleSet.standard(), NotAnInterface.class, TODAY));

    assertEquals(
        "dev.declaude.internal.service.ServiceRulesTest.NotAnInterface breaks 2 rules of declaude:\n"
            + "  [declaude:service-type] NotAnInterface is not a declaude service: ClaudeClient.create() needs an"
            + " interface whose methods carry @ClaudePrompt\n"
            + "  hi: [declaude:prompt-placement] @ClaudePrompt belongs on an abstract interface method, but"
            + " NotAnInterface is a class; declare the method in an interface, which ClaudeClient.create() implements",
        e.getMessage());
  }

  @Test
  void aValidServicePassesWithoutWarnings() {
    assertEquals(
        List.of(), ServiceRules.requireValid(RuleSet.standard(), Valid.class, TODAY).warnings());
  }
}
