package dev.declaude.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.declaude.error.ServiceDefinitionException;
import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.Violation;
import dev.declaude.internal.service.ServiceRules;
import dev.declaude.processor.RuleCases.Case;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@link RuleCases}, compiled without the processor and checked by reflection, as
 * {@code ClaudeClient.create()} does: the same rules with the same messages as at compile time.
 */
class RuntimeRulesTest {

  static List<Case> bad() {
    return RuleCases.bad();
  }

  static List<Case> good() {
    return RuleCases.good();
  }

  /** Compiles {@code source} without any processor and loads {@code test.Bot}. */
  static Class<?> load(String source, String... options) throws ClassNotFoundException {
    Compilation c =
        javac()
            .withOptions(List.of(options))
            .withProcessors() // none: the reflective front end must find everything on its own
            .compile(Sources.withStubs(JavaFileObjects.forSourceString("test.Bot", source)));
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
    return new MemoryClassLoader(c.generatedFiles()).loadClass("test.Bot");
  }

  static List<String> rendered(List<Violation> violations) {
    return violations.stream().map(Violation::render).collect(Collectors.toList());
  }

  /**
   * One compilation per case, two checks: reflection reports the processor's rules with its
   * messages, and {@code create()} rejects the interface with the rule ids and methods.
   */
  /**
   * Every bad case, each {@code Bot} in a package of its own ({@link RuleCases#inOwnPackages}),
   * compiled in one javac run (javac's start is what takes the time) and loaded by one class
   * loader.
   */
  private static final class AllBad {
    static final List<Case> CASES = RuleCases.bad();
    static final ClassLoader LOADER;

    static {
      Compilation c =
          javac()
              .withOptions("-parameters")
              .withProcessors()
              .compile(Sources.withStubs(RuleCases.inOwnPackages(CASES)));
      assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics().toString());
      LOADER = new MemoryClassLoader(c.generatedFiles());
    }

    static Class<?> bot(Case c) throws ClassNotFoundException {
      return LOADER.loadClass(RuleCases.ownPackageBot(CASES.indexOf(c)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void eachBrokenInterfaceIsReportedAsTheProcessorDoesAndRejectedByCreate(Case c) throws Exception {
    Class<?> bot = AllBad.bot(c);

    reflectionReportsTheSameRulesAsTheProcessor(c, bot);
    createRejectsEachBrokenInterfaceWithTheRuleIdsAndMethods(c, bot);
  }

  private static void reflectionReportsTheSameRulesAsTheProcessor(Case c, Class<?> bot) {
    List<Violation> found =
        RuleSet.standard().check(ReflectiveServiceReader.describe(bot), RuleCases.TODAY);

    List<String> expected =
        c.expected().stream()
            .map(e -> e.rule().tag() + " " + e.message())
            .collect(Collectors.toList());
    assertEquals(expected, rendered(found));
  }

  private static void createRejectsEachBrokenInterfaceWithTheRuleIdsAndMethods(
      Case c, Class<?> bot) {
    List<String> errors =
        c.expected().stream()
            .filter(e -> e.rule().severity() == dev.declaude.internal.rules.Severity.ERROR)
            .map(e -> e.rule().id())
            .collect(Collectors.toList());
    // create() also insists on an interface that declares Claude calls, which the processor leaves
    // to javac
    boolean declaresCalls =
        java.util.Arrays.stream(bot.getMethods())
            .anyMatch(m -> m.isAnnotationPresent(dev.declaude.annotation.ClaudePrompt.class));
    if (!bot.isInterface() || !declaresCalls) {
      errors.add("service-type");
    }
    java.util.Collections.sort(errors);
    java.time.Clock onTheTablesDay =
        java.time.Clock.fixed(
            RuleCases.TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            java.time.ZoneOffset.UTC);
    try (dev.declaude.ClaudeClient client =
        dev.declaude.ClaudeClient.builder()
            .apiKey("sk-ant-test-key")
            .baseUrl("http://127.0.0.1:9")
            .clock(onTheTablesDay)
            .build()) {
      if (errors.isEmpty()) {
        client.create(bot); // warnings only: created, the warnings logged
        return;
      }
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              dev.declaude.error.ServiceDefinitionException.class, () -> client.create(bot));
      assertEquals(
          errors,
          e.violations().stream().map(v -> v.ruleId()).sorted().collect(Collectors.toList()));
      e.violations()
          .forEach(
              v ->
                  org.junit.jupiter.api.Assertions.assertTrue(
                      v.method() == null || c.source().contains(v.method()), v.toString()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void goodSourcePassesAtRunTime(Case c) throws Exception {
    Class<?> bot = load(c.source(), "-parameters");

    assertEquals(
        List.of(),
        rendered(RuleSet.standard().check(ReflectiveServiceReader.describe(bot), RuleCases.TODAY)));
  }

  @Test
  void suppressedWarningsAreReturnedNotThrownAtRunTime() throws Exception {
    Class<?> bot = load(RuleCases.suppressed().source(), "-parameters");

    List<Violation> warnings =
        ServiceRules.requireValid(RuleSet.standard(), bot, RuleCases.TODAY).warnings();

    assertEquals(
        List.of("greet2:turn-first-assistant", "greet:model-unknown"),
        warnings.stream()
            .map(v -> v.methodName() + ":" + v.ruleId())
            .sorted()
            .collect(Collectors.toList()));
  }

  @Test
  void withoutParameterNamesAPlaceholderNeedsName() throws Exception {
    Class<?> bot =
        load(
            RuleCases.HEADER
                + String.join(
                    "\n",
                    "interface Bot {",
                    "  @ClaudePrompt(\"Question: {question}\")",
                    "  String answer(String question);",
                    "}"));

    ServiceDefinitionException e =
        assertThrows(
            ServiceDefinitionException.class,
            () -> ServiceRules.requireValid(RuleSet.standard(), bot, RuleCases.TODAY));

    assertEquals(
        "test.Bot breaks 1 rule of declaude:\n"
            + "  answer: [declaude:parameter-name-missing] the name of parameter #1 (String) is unknown at run time,"
            + " so placeholders cannot be bound to it; compile with -parameters or annotate the parameter with @Name",
        e.getMessage());
    assertEquals("parameter-name-missing", e.violations().get(0).ruleId());
    assertEquals("answer", e.violations().get(0).method());
  }

  @Test
  void withoutParameterNamesNameBindsThePlaceholder() throws Exception {
    Class<?> bot =
        load(
            RuleCases.HEADER
                + String.join(
                    "\n",
                    "interface Bot {",
                    "  @ClaudePrompt(\"Question: {question}\")",
                    "  String answer(@Name(\"question\") String q);",
                    "}"));

    assertEquals(
        List.of(), ServiceRules.requireValid(RuleSet.standard(), bot, RuleCases.TODAY).warnings());
  }

  @Test
  void createListsEveryErrorWithItsMethodInNameOrder() throws Exception {
    Class<?> bot =
        load(
            RuleCases.HEADER
                + String.join(
                    "\n",
                    "interface Bot {",
                    "  @ClaudePrompt(value = \"Hi {name}\", maxTokens = 0)",
                    "  String greet(String name);",
                    "",
                    "  @ClaudePrompt(value = \"Hi\", model = \"claude-sonnet-4-5\")",
                    "  int count();",
                    "}"),
            "-parameters");

    ServiceDefinitionException e =
        assertThrows(
            ServiceDefinitionException.class,
            () -> ServiceRules.requireValid(RuleSet.standard(), bot, RuleCases.TODAY));

    List<String> ids =
        e.violations().stream()
            .map(p -> p.method() + ":" + p.ruleId())
            .sorted()
            .collect(Collectors.toList());
    assertEquals(
        List.of("count:return-type", "greet:max-tokens"), ids); // the warning is logged, not thrown
    assertEquals(
        "test.Bot breaks 2 rules of declaude:\n"
            + "  count: [declaude:return-type] return type int is not supported: int is a primitive; supported: String,"
            + " ClaudeResponse, a record or a class with a public no-argument constructor, CompletableFuture of one of"
            + " these, Stream<String>; with a Consumer<String> callback parameter: void, String or ClaudeResponse\n"
            + "  greet: [declaude:max-tokens] maxTokens is 0 but must be at least 1: a method that returns text needs"
            + " output",
        e.getMessage());
  }
}
