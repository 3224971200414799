package dev.declaude.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule set through the reflective front end on types of this test. The full table of cases,
 * shared with the processor, runs in the processor module ({@code RuleCases}).
 */
class RuleSetTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-08-22");

  private static List<String> ids(Class<?> type) {
    return RuleSet.standard().check(ReflectiveServiceReader.describe(type), TODAY).stream()
        .map(v -> v.methodName() + ":" + v.ruleId())
        .sorted()
        .collect(Collectors.toList());
  }

  public static class NoDefaultConstructor {
    public NoDefaultConstructor(String s) {}
  }

  public static class Generic<T> {
    public T value;
  }

  public class Inner {}

  public abstract static class Abstract {}

  public static class Plain {
    public String name;
  }

  record Pair(String a, String b) {}

  interface Returns {
    @ClaudePrompt("a")
    NoDefaultConstructor noCtor();

    @ClaudePrompt("b")
    Generic<String> generic();

    @SuppressWarnings("rawtypes")
    @ClaudePrompt("c")
    Generic raw();

    @ClaudePrompt("d")
    Inner inner();

    @ClaudePrompt("e")
    Abstract abstractClass();

    @ClaudePrompt("f")
    String[] array();

    @ClaudePrompt("g")
    CompletableFuture<Stream<String>> futureOfStream();

    @ClaudePrompt("h")
    CompletableFuture<Pair> futureOfRecord();

    @ClaudePrompt("i")
    Plain plain();

    @ClaudePrompt("j")
    ErrorKind anEnum();

    @ClaudePrompt("k")
    Object object();
  }

  @Test
  void returnTypesAreClassifiedOnce() {
    assertEquals(
        List.of(
            "abstractClass:return-type",
            "anEnum:return-type",
            "array:return-type",
            "futureOfStream:return-type",
            "inner:return-type",
            "noCtor:return-type",
            "raw:return-type"),
        ids(Returns.class));
  }

  @Test
  void returnCategories() {
    ServiceDescription d = ReflectiveServiceReader.describe(Returns.class);
    MethodDescription future =
        d.methods().stream()
            .filter(m -> m.name().equals("futureOfRecord"))
            .findFirst()
            .orElseThrow();

    assertEquals(ReturnType.Category.FUTURE, future.returnCategory().category());
    assertEquals(ReturnType.Category.STRUCTURED, future.returnCategory().futureOf().category());
  }

  static class NotAnInterface {
    @RetryOn(ErrorKind.SERVER)
    public String call() {
      return "x";
    }
  }

  interface NoPrompts {
    String call();
  }

  @Test
  void aClassIsNotAService() {
    List<Violation> found = RuleSet.standard().checkService(NotAnInterface.class, TODAY);

    assertEquals(
        List.of(
            "[declaude:service-type] NotAnInterface is not a declaude service: ClaudeClient.create()"
                + " needs an interface whose methods carry @ClaudePrompt"),
        found.stream().map(Violation::render).collect(Collectors.toList()));
  }

  @Test
  void anInterfaceWithoutPromptsIsNotAService() {
    assertEquals(
        List.of("service-type"),
        RuleSet.standard().checkService(NoPrompts.class, TODAY).stream()
            .map(Violation::ruleId)
            .collect(Collectors.toList()));
  }

  interface NoModel {
    @ClaudePrompt(value = "Hi {name}", maxTokens = 10_000)
    String hi(String name);
  }

  @Test
  void methodsWithoutModelAreCheckedAgainstTheClientsDefault() {
    List<Violation> found =
        RuleSet.standard()
            .withDefaultModel("claude-3-haiku-20240307")
            .check(ReflectiveServiceReader.describe(NoModel.class), TODAY);

    assertEquals(
        List.of(
            "[declaude:max-tokens] maxTokens 10000 exceeds the output limit of"
                + " claude-3-haiku-20240307 (the default model), 4096 tokens; lower it to at most 4096"),
        found.stream().map(Violation::render).collect(Collectors.toList()));
    assertEquals(List.of(), ids(NoModel.class));
  }

  @RetryOn(
      value = {ErrorKind.SERVER, ErrorKind.BILLING},
      initialDelayMs = -1,
      maxDelayMs = -2)
  interface TypeRetry {
    @ClaudePrompt("Hi {name}")
    String hi(String name);
  }

  @Test
  void typeLevelRetryIsReportedWithoutMethod() {
    assertEquals(
        List.of("null:retry-delay", "null:retry-delay", "null:retry-kind"), ids(TypeRetry.class));
  }

  interface Valid {
    @ClaudePrompt("Hi {name}")
    String hi(String name);
  }

  @Test
  void validServicePasses() {
    assertEquals(List.of(), RuleSet.standard().checkService(Valid.class, TODAY));
  }
}
