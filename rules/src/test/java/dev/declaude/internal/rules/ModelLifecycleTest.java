package dev.declaude.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.annotation.ClaudePrompt;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Lifecycle is judged on an injected day, never the clock. */
class ModelLifecycleTest {
  interface OnSonnet45 {
    @ClaudePrompt(value = "Hi {name}", model = "claude-sonnet-4-5")
    String hi(String name);
  }

  interface OnAlias {
    @ClaudePrompt(value = "Hi {name}", model = "claude-3-5-haiku-latest")
    String hi(String name);
  }

  private static List<String> check(Class<?> type, String day) {
    return RuleSet.standard()
        .check(ReflectiveServiceReader.describe(type), LocalDate.parse(day))
        .stream()
        .map(Violation::render)
        .collect(Collectors.toList());
  }

  @Test
  void activeBeforeTheDeprecationDate() {
    assertEquals(List.of(), check(OnSonnet45.class, "2026-09-28"));
  }

  @Test
  void deprecatedFromTheDeprecationDateIsAWarningNamingReplacementAndRetirement() {
    assertEquals(
        List.of(
            "[declaude:model-deprecated] model claude-sonnet-4-5 is deprecated and retires on"
                + " 2026-11-30; move to claude-sonnet-5-5"),
        check(OnSonnet45.class, "2026-09-29"));
  }

  @Test
  void retiredFromTheRetirementDateIsAnError() {
    List<String> found = check(OnSonnet45.class, "2026-11-30");

    assertEquals(
        List.of(
            "[declaude:model-retired] model claude-sonnet-4-5 was retired on 2026-11-30 and every"
                + " request to it fails with 404 not_found_error; move to claude-sonnet-5-5"),
        found);
  }

  @Test
  void aliasesShareTheirModelsLifecycle() {
    assertEquals(
        List.of(
            "[declaude:model-retired] model claude-3-5-haiku-latest was retired on 2026-02-19 and"
                + " every request to it fails with 404 not_found_error; move to claude-haiku-4-5"),
        check(OnAlias.class, "2026-03-01"));
  }

  @Test
  void lifecycleOnBoundaries() {
    ModelInfo m = ModelCatalogue.standard().find("claude-opus-4-1").orElseThrow();

    assertEquals(ModelInfo.Lifecycle.ACTIVE, m.lifecycleOn(LocalDate.parse("2026-06-04")));
    assertEquals(ModelInfo.Lifecycle.DEPRECATED, m.lifecycleOn(LocalDate.parse("2026-06-05")));
    assertEquals(ModelInfo.Lifecycle.DEPRECATED, m.lifecycleOn(LocalDate.parse("2026-08-04")));
    assertEquals(ModelInfo.Lifecycle.RETIRED, m.lifecycleOn(LocalDate.parse("2026-08-05")));
  }
}
