package dev.declaude.processor;

import com.google.testing.compile.JavaFileObjects;
import dev.declaude.internal.rules.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The one table of rule cases, run by both front ends: {@link ProcessorRulesTest} compiles each
 * source with the processor and expects exactly these diagnostics at exactly these tokens; {@link
 * RuntimeRulesTest} compiles the same source without it, loads the classes and expects the
 * reflective reader and the rule set to report exactly the same rules with the same messages.
 *
 * <p>Each expected location is a snippet of the source with a {@code ^} before the token javac must
 * point at.
 */
final class RuleCases {
  /**
   * The day model lifecycles are judged on: claude-sonnet-4-5 is deprecated, claude-opus-4-1
   * retired.
   */
  static final LocalDate TODAY = LocalDate.parse("2026-10-01");

  static final String HEADER =
      String.join(
          "\n",
          "package test;",
          "",
          "import static dev.declaude.annotation.ErrorKind.*;",
          "import dev.declaude.annotation.*;",
          "import dev.declaude.annotation.ErrorKind;",
          "import dev.declaude.response.ClaudeResponse;",
          "import dev.declaude.wire.Message;",
          "import java.util.List;",
          "import java.util.concurrent.CompletableFuture;",
          "import java.util.function.Consumer;",
          "import java.util.stream.Stream;",
          "",
          "");

  private RuleCases() {}

  /**
   * One diagnostic: the rule, its full message (without the tag) and the token, marked by {@code
   * ^}.
   */
  record Expected(Rule rule, String message, String at) {}

  /** A source of {@code test.Bot} and every diagnostic it must produce; none for a good source. */
  record Case(String name, String body, List<Expected> expected) {
    String source() {
      return HEADER + body;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Returns the class name of case {@code index}'s {@code Bot} when every case is compiled in one
   * run, each in a package of its own: {@code test.c0.Bot}, {@code test.c1.Bot}, ...
   */
  static String ownPackageBot(int index) {
    return "test.c" + index + ".Bot";
  }

  /**
   * Returns {@code cases} as sources of one compilation, case {@code i} in the package of {@link
   * #ownPackageBot ownPackageBot(i)}; only its first line, the package, differs, so positions stay
   * those of the case's own source.
   */
  static List<JavaFileObject> inOwnPackages(List<Case> cases) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String bot = ownPackageBot(i);
      String pkg = bot.substring(0, bot.lastIndexOf('.'));
      String source = cases.get(i).source().replaceFirst("package test;", "package " + pkg + ";");
      sources.add(JavaFileObjects.forSourceString(bot, source));
    }
    return sources;
  }

  static Case bad(String name, String body, Rule rule, String message, String at) {
    return new Case(name, body, List.of(new Expected(rule, message, at)));
  }

  static Case good(String name, String body) {
    return new Case(name, body, List.of());
  }

  static List<Case> bad() {
    return List.of(
        bad(
            "prompt on a default method",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Hello\")",
                "  default String hello() { return \"hi\"; }",
                "}",
                ""),
            Rule.PROMPT_PLACEMENT,
            "@ClaudePrompt belongs on an abstract interface method, but hello is a default method; remove its body so ClaudeClient.create() can implement it",
            "^@ClaudePrompt(\"Hello\")"),
        bad(
            "prompt in a class",
            String.join(
                "\n",
                "class Bot {",
                "  @ClaudePrompt(\"Hello\")",
                "  public String hello() { return \"hi\"; }",
                "}",
                ""),
            Rule.PROMPT_PLACEMENT,
            "@ClaudePrompt belongs on an abstract interface method, but Bot is a class; declare the method in an interface, which ClaudeClient.create() implements",
            "^@ClaudePrompt(\"Hello\")"),
        bad(
            "abstract method without a prompt",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Hello\")",
                "  String hello();",
                "",
                "  String other();",
                "}",
                ""),
            Rule.PROMPT_MISSING,
            "abstract method other has no @ClaudePrompt, so ClaudeClient.create() cannot implement it; annotate it or give it a default body",
            "String ^other();"),
        bad(
            "blank template",
            String.join(
                "\n", "interface Bot {", "  @ClaudePrompt(\"   \")", "  String hello();", "}", ""),
            Rule.TEMPLATE_BLANK,
            "the template is blank; write the user message, such as \"Question: {question}\"",
            "@ClaudePrompt(^\"   \")"),
        bad(
            "unclosed brace",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Reply as JSON: {\\\"id\\\": 1\")",
                "  String reply();",
                "}",
                ""),
            Rule.TEMPLATE_BRACES,
            "malformed template: unclosed '{' at index 15; write {{ or }} for a literal brace",
            "@ClaudePrompt(^\"Reply as JSON: {\\\"id\\\": 1\")"),
        bad(
            "placeholder without parameter",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Question: {question}\")",
                "  String answer();",
                "}",
                ""),
            Rule.PLACEHOLDER_UNBOUND,
            "placeholder {question} names no parameter of answer; parameters: []; rename the placeholder or add a parameter question",
            "@ClaudePrompt(^\"Question: {question}\")"),
        bad(
            "parameter not in template",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Tell me a joke\")",
                "  String joke(String topic);",
                "}",
                ""),
            Rule.PARAMETER_UNUSED,
            "parameter topic is not used by the template; add {topic} to the template or remove the parameter",
            "String joke(String ^topic);"),
        bad(
            "name not an identifier",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Hello {first}\")",
                "  String greet(@Name(\"first name\") String first);",
                "}",
                ""),
            Rule.PARAMETER_NAME_INVALID,
            "@Name(\"first name\") is not a Java identifier; use the placeholder's name as written between the braces",
            "String greet(@Name(^\"first name\") String first);"),
        bad(
            "two histories",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Next: {question}\")",
                "  String chat(String question, List<Message> history, List<Message> older);",
                "}",
                ""),
            Rule.HISTORY_DUPLICATE,
            "parameter older is a second conversation history; a method takes at most one List<Message> or Conversation parameter",
            "String chat(String question, List<Message> history, List<Message> ^older);"),
        bad(
            "two callbacks",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Tell a story about {topic}\")",
                "  void story(String topic, Consumer<String> onText, Consumer<String> alsoOnText);",
                "}",
                ""),
            Rule.CALLBACK_DUPLICATE,
            "parameter alsoOnText is a second streaming callback; a method takes at most one Consumer<String> parameter",
            "void story(String topic, Consumer<String> onText, Consumer<String> ^alsoOnText);"),
        bad(
            "primitive return",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Count the words of {text}\")",
                "  int count(String text);",
                "}",
                ""),
            Rule.RETURN_TYPE,
            "return type int is not supported: int is a primitive; supported: String, ClaudeResponse, a record or a class with a public no-argument constructor, CompletableFuture of one of these, Stream<String>; with a Consumer<String> callback parameter: void, String or ClaudeResponse",
            "int ^count(String text);"),
        bad(
            "void without callback",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Log {text}\")",
                "  void log(String text);",
                "}",
                ""),
            Rule.RETURN_TYPE,
            "return type void is not supported: void needs a Consumer<String> callback parameter to receive the text; supported: String, ClaudeResponse, a record or a class with a public no-argument constructor, CompletableFuture of one of these, Stream<String>; with a Consumer<String> callback parameter: void, String or ClaudeResponse",
            "void ^log(String text);"),
        bad(
            "list return",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"List the names in {text}\")",
                "  List<String> names(String text);",
                "}",
                ""),
            Rule.RETURN_TYPE,
            "return type List<String> is not supported: List<String> is an interface; supported: String, ClaudeResponse, a record or a class with a public no-argument constructor, CompletableFuture of one of these, Stream<String>; with a Consumer<String> callback parameter: void, String or ClaudeResponse",
            "List<String> ^names(String text);"),
        bad(
            "stream with callback",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Tell a story about {topic}\")",
                "  Stream<String> story(String topic, Consumer<String> onText);",
                "}",
                ""),
            Rule.RETURN_TYPE,
            "return type Stream<String> is not supported: a streaming method (with a Consumer<String> callback) returns void, String or ClaudeResponse; supported: String, ClaudeResponse, a record or a class with a public no-argument constructor, CompletableFuture of one of these, Stream<String>; with a Consumer<String> callback parameter: void, String or ClaudeResponse",
            "Stream<String> ^story(String topic, Consumer<String> onText);"),
        bad(
            "blank turn",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Translate: {text}\",",
                "      turns = {@Turn(role = Role.USER, text = \"Translate: cat\"), @Turn(role = Role.ASSISTANT, text = \" \")})",
                "  String translate(String text);",
                "}",
                ""),
            Rule.TURN_BLANK,
            "turn 2 has blank text, which the API rejects; write the turn or remove it",
            "turns = {@Turn(role = Role.USER, text = \"Translate: cat\"), @Turn(role = Role.ASSISTANT, text = ^\" \")})"),
        bad(
            "assistant first",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Translate: {text}\", turns = @Turn(role = Role.ASSISTANT, text = \"I translate to French.\"))",
                "  String translate(String text);",
                "}",
                ""),
            Rule.TURN_FIRST_ASSISTANT,
            "the first turn is by the ASSISTANT; some platforms (Amazon Bedrock) reject a conversation that does not start with a USER turn; start with a USER turn",
            "@ClaudePrompt(value = \"Translate: {text}\", turns = @Turn(role = Role^.ASSISTANT, text = \"I translate to French.\"))"),
        bad(
            "user turn before user message",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Translate: {text}\", turns = {",
                "      @Turn(role = Role.USER, text = \"Translate: cat\"),",
                "      @Turn(role = Role.ASSISTANT, text = \"chat\"),",
                "      @Turn(role = Role.USER, text = \"Translate: dog\")})",
                "  String translate(String text);",
                "}",
                ""),
            Rule.TURN_ALTERNATION,
            "the last turn is USER and the rendered user message follows it; the API merges the two into one user turn, so end the turns with an ASSISTANT turn",
            "@Turn(role = Role^.USER, text = \"Translate: dog\")})"),
        bad(
            "zero max tokens",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Summarise {text}\", maxTokens = 0)",
                "  String summarise(String text);",
                "}",
                ""),
            Rule.MAX_TOKENS,
            "maxTokens is 0 but must be at least 1: a method that returns text needs output",
            "@ClaudePrompt(value = \"Summarise {text}\", maxTokens = ^0)"),
        bad(
            "max tokens above model limit",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Summarise {text}\", model = \"claude-haiku-4-5\", maxTokens = 100000)",
                "  String summarise(String text);",
                "}",
                ""),
            Rule.MAX_TOKENS,
            "maxTokens 100000 exceeds the output limit of claude-haiku-4-5, 64000 tokens; lower it to at most 64000",
            "@ClaudePrompt(value = \"Summarise {text}\", model = \"claude-haiku-4-5\", maxTokens = ^100000)"),
        bad(
            "temperature above 1",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Write a poem about {topic}\", temperature = 1.5)",
                "  String poem(String topic);",
                "}",
                ""),
            Rule.TEMPERATURE_RANGE,
            "temperature 1.5 is outside [0, 1]; choose a value in that range, or leave it unset",
            "@ClaudePrompt(value = \"Write a poem about {topic}\", temperature = ^1.5)"),
        bad(
            "temperature on default-only model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Write a poem about {topic}\", model = \"claude-opus-4-7\", temperature = 0.2)",
                "  String poem(String topic);",
                "}",
                ""),
            Rule.TEMPERATURE_UNSUPPORTED,
            "model claude-opus-4-7 accepts only temperature 1.0 (sampling parameters are deprecated for models after Claude Opus 4.6); remove temperature",
            "@ClaudePrompt(value = \"Write a poem about {topic}\", model = \"claude-opus-4-7\", temperature = ^0.2)"),
        bad(
            "blank stop sequence",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"List {n} colours\", stopSequences = {\"END\", \" \"})",
                "  String colours(int n);",
                "}",
                ""),
            Rule.STOP_SEQUENCE_BLANK,
            "stop sequence 2 is blank, which the API rejects; remove it or give it visible text",
            "@ClaudePrompt(value = \"List {n} colours\", stopSequences = {\"END\", ^\" \"})"),
        bad(
            "unknown model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-sonet-4-6\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.MODEL_UNKNOWN,
            "model \"claude-sonet-4-6\" is not in declaude's model catalogue, so its limits cannot be checked; did you mean claude-sonnet-4-6? check the id, or update declaude if the model is new",
            "@ClaudePrompt(value = \"Hello {name}\", model = ^\"claude-sonet-4-6\")"),
        bad(
            "deprecated model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-sonnet-4-5\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.MODEL_DEPRECATED,
            "model claude-sonnet-4-5 is deprecated and retires on 2026-11-30; move to claude-sonnet-5-5",
            "@ClaudePrompt(value = \"Hello {name}\", model = ^\"claude-sonnet-4-5\")"),
        bad(
            "retired model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-opus-4-1\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.MODEL_RETIRED,
            "model claude-opus-4-1 was retired on 2026-08-05 and every request to it fails with 404 not_found_error; move to claude-opus-4-6",
            "@ClaudePrompt(value = \"Hello {name}\", model = ^\"claude-opus-4-1\")"),
        bad(
            "retired fallback model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-opus-4-7\", fallbackModels = {\"claude-sonnet-4-6\", \"claude-opus-4-1\"})",
                "  String greet(String name);",
                "}",
                ""),
            Rule.MODEL_RETIRED,
            "model claude-opus-4-1 was retired on 2026-08-05 and every request to it fails with 404 not_found_error; move to claude-opus-4-6",
            "fallbackModels = {\"claude-sonnet-4-6\", ^\"claude-opus-4-1\"})"),
        bad(
            "unknown fallback model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", fallbackModels = \"claude-sonet-4-6\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.MODEL_UNKNOWN,
            "model \"claude-sonet-4-6\" is not in declaude's model catalogue, so its limits cannot be checked; did you mean claude-sonnet-4-6? check the id, or update declaude if the model is new",
            "fallbackModels = ^\"claude-sonet-4-6\")"),
        bad(
            "max tokens above a fallback model's limit",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Summarise {text}\", model = \"claude-opus-4-8\", maxTokens = 100000, fallbackModels = \"claude-haiku-4-5\")",
                "  String summarise(String text);",
                "}",
                ""),
            Rule.MAX_TOKENS,
            "maxTokens 100000 exceeds the output limit of fallback model claude-haiku-4-5, 64000 tokens; lower it to at most 64000",
            "maxTokens = 100000, fallbackModels = ^\"claude-haiku-4-5\")"),
        bad(
            "temperature a fallback model rejects",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Write a poem about {topic}\", model = \"claude-haiku-4-5\", temperature = 0.2, fallbackModels = \"claude-opus-4-7\")",
                "  String poem(String topic);",
                "}",
                ""),
            Rule.TEMPERATURE_UNSUPPORTED,
            "fallback model claude-opus-4-7 accepts only temperature 1.0 (sampling parameters are deprecated for models after Claude Opus 4.6); remove temperature",
            "temperature = 0.2, fallbackModels = ^\"claude-opus-4-7\")"),
        bad(
            "fallback model repeating the model",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-sonnet-4-6\", fallbackModels = {\"claude-haiku-4-5\", \"claude-sonnet-4-6\"})",
                "  String greet(String name);",
                "}",
                ""),
            Rule.FALLBACK_MODEL,
            "fallback model claude-sonnet-4-6 is already the model of this method; a call would ask an overloaded model again",
            "fallbackModels = {\"claude-haiku-4-5\", ^\"claude-sonnet-4-6\"})"),
        bad(
            "api key in system prompt",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Hello {name}\", system = \"key: sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.API_KEY_LITERAL,
            "this string contains what looks like an Anthropic API key (sk-ant-...); never put an API key in source; use ANTHROPIC_API_KEY",
            "@ClaudePrompt(value = \"Hello {name}\", system = ^\"key: sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123\")"),
        bad(
            "api key in a constant of the interface",
            String.join(
                "\n",
                "interface Bot {",
                "  String FALLBACK_KEY = \"sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123\";",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.API_KEY_LITERAL,
            "this constant contains what looks like an Anthropic API key (sk-ant-...); never put an API key in source; use ANTHROPIC_API_KEY",
            "  String ^FALLBACK_KEY"),
        new Case(
            "api key as a parameter name is never quoted",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(@Name(\"sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123\") String name);",
                "}",
                ""),
            List.of(
                new Expected(
                    Rule.PARAMETER_NAME_INVALID,
                    "@Name(\"sk-ant-<redacted>\") is not a Java identifier; use the placeholder's name as written between the braces",
                    "@Name(^\"sk-ant"),
                new Expected(
                    Rule.API_KEY_LITERAL,
                    "this string contains what looks like an Anthropic API key (sk-ant-...); never put an API key in source; use ANTHROPIC_API_KEY",
                    "@Name(^\"sk-ant"))),
        bad(
            "negative context margin",
            String.join(
                "\n",
                "interface Bot {",
                "  @ContextPolicy(marginTokens = -5)",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.CONTEXT_MARGIN,
            "marginTokens is -5 but must be 0 or more: it is room kept free for the estimate's error",
            "@ContextPolicy(marginTokens = ^-5)"),
        new Case(
            "context policy on a model of unknown window",
            String.join(
                "\n",
                "interface Bot {",
                "  @ContextPolicy",
                "  @ClaudePrompt(value = \"Hello {name}\", model = \"acme-llm-1\")",
                "  String greet(String name);",
                "}",
                ""),
            List.of(
                new Expected(
                    Rule.MODEL_UNKNOWN,
                    "model \"acme-llm-1\" is not in declaude's model catalogue, so its limits cannot be checked; check the id, or update declaude if the model is new",
                    "model = ^\"acme-llm-1\""),
                new Expected(
                    Rule.CONTEXT_WINDOW_UNKNOWN,
                    "@ContextPolicy needs the model's context window, but acme-llm-1 is not in declaude's model catalogue, so nothing would be checked; name a catalogued model, or remove the policy and let the API judge",
                    "^@ContextPolicy"))),
        bad(
            "non-retryable kind, static import",
            String.join(
                "\n",
                "@RetryOn({RATE_LIMIT, AUTHENTICATION})",
                "interface Bot {",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_KIND,
            "AUTHENTICATION cannot be fixed by retrying: the same request fails the same way again; retry only CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION",
            "@RetryOn({RATE_LIMIT, ^AUTHENTICATION})"),
        bad(
            "non-retryable kind, qualified",
            String.join(
                "\n",
                "interface Bot {",
                "  @RetryOn({ErrorKind.SERVER, ErrorKind.INVALID_REQUEST})",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_KIND,
            "INVALID_REQUEST cannot be fixed by retrying: the same request fails the same way again; retry only CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION",
            "@RetryOn({ErrorKind.SERVER, ErrorKind^.INVALID_REQUEST})"),
        bad(
            "zero attempts",
            String.join(
                "\n",
                "interface Bot {",
                "  @RetryOn(value = SERVER, maxAttempts = 0)",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_MAX_ATTEMPTS,
            "maxAttempts is 0 but must be at least 1 (it counts the first attempt); use 1 for no retries",
            "@RetryOn(value = SERVER, maxAttempts = ^0)"),
        bad(
            "initial delay above max",
            String.join(
                "\n",
                "interface Bot {",
                "  @RetryOn(value = SERVER, initialDelayMs = 10_000)",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_DELAY,
            "initialDelayMs 10000 exceeds maxDelayMs 8000; lower initialDelayMs or raise maxDelayMs",
            "@RetryOn(value = SERVER, initialDelayMs = ^10_000)"),
        bad(
            "shrinking multiplier",
            String.join(
                "\n",
                "class Bot {",
                "  @RetryOn(value = SERVER, multiplier = 0.5)",
                "  public String call() { return \"x\"; }",
                "}",
                ""),
            Rule.RETRY_MULTIPLIER,
            "multiplier 0.5 is below 1, so waits would shrink; use 1 for a constant wait or more",
            "@RetryOn(value = SERVER, multiplier = ^0.5)"),
        bad(
            "negative deadline",
            String.join(
                "\n",
                "class Bot {",
                "  @RetryOn(value = SERVER, maxElapsedMs = -1)",
                "  public String call() { return \"x\"; }",
                "}",
                ""),
            Rule.RETRY_MAX_ELAPSED,
            "maxElapsedMs is -1 but must be 0 (no deadline) or positive",
            "@RetryOn(value = SERVER, maxElapsedMs = ^-1)"),
        bad(
            "negative server wait",
            String.join(
                "\n",
                "class Bot {",
                "  @RetryOn(value = RATE_LIMIT, maxServerWaitMs = -5)",
                "  public String call() { return \"x\"; }",
                "}",
                ""),
            Rule.RETRY_MAX_SERVER_WAIT,
            "maxServerWaitMs is -5 but must be 0 (the client's maxServerWait) or positive",
            "@RetryOn(value = RATE_LIMIT, maxServerWaitMs = ^-5)"),
        bad(
            "stacked retries",
            String.join(
                "\n",
                "@RetryOn(RATE_LIMIT)",
                "interface Bot {",
                "  @org.springframework.retry.annotation.Retryable",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_STACKED,
            "@Retryable (org.springframework.retry.annotation.Retryable) and @RetryOn on the type both retry greet; stacked retries multiply the attempts, so keep only one of them",
            "^@org.springframework.retry.annotation.Retryable"),
        bad(
            "stacked retries, Spring 7",
            String.join(
                "\n",
                "@RetryOn(RATE_LIMIT)",
                "interface Bot {",
                "  @org.springframework.resilience.annotation.Retryable",
                "  @ClaudePrompt(\"Hello {name}\")",
                "  String greet(String name);",
                "}",
                ""),
            Rule.RETRY_STACKED,
            "@Retryable (org.springframework.resilience.annotation.Retryable) and @RetryOn on the type both retry greet; stacked retries multiply the attempts, so keep only one of them",
            "^@org.springframework.resilience.annotation.Retryable"));
  }

  /**
   * Warnings silenced with {@code @SuppressWarnings}: clean at compile time; at run time the
   * annotation is gone (source retention), so {@code create()} logs the two warnings.
   */
  static Case suppressed() {
    return good(
        "suppressed warnings",
        String.join(
            "\n",
            "@SuppressWarnings(\"declaude:model-unknown\")",
            "interface Bot {",
            "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-next\")",
            "  String greet(String name);",
            "",
            "  @SuppressWarnings(\"declaude\")",
            "  @ClaudePrompt(value = \"Hello {name}\", turns = @Turn(role = Role.ASSISTANT, text = \"Hi\"))",
            "  String greet2(String name);",
            "}",
            ""));
  }

  static List<Case> good() {
    return List.of(
        good(
            "support bot",
            String.join(
                "\n",
                "@RetryOn({RATE_LIMIT, SERVER})",
                "interface Bot {",
                "  @ClaudePrompt(system = \"You answer customer questions in two sentences.\",",
                "                value = \"Question: {question}\", maxTokens = 300)",
                "  String answer(String question);",
                "",
                "  @ClaudePrompt(value = \"Classify the ticket: {ticket}\", model = \"claude-haiku-4-5\", maxTokens = 10,",
                "      temperature = 0.0, stopSequences = \"###\",",
                "      turns = {",
                "          @Turn(role = Role.USER, text = \"Classify the ticket: my card was charged twice\"),",
                "          @Turn(role = Role.ASSISTANT, text = \"billing\")})",
                "  String classify(String ticket);",
                "",
                "  @ClaudePrompt(value = \"Next answer to: {question}\")",
                "  ClaudeResponse reply(String question, List<Message> history);",
                "",
                "  default String greet() {",
                "    return \"Hello\";",
                "  }",
                "}",
                "")),
        good(
            "extraction into a record",
            String.join(
                "\n",
                "interface Bot {",
                "  record Order(String id, List<String> items, double total) {}",
                "",
                "  class Invoice {",
                "    public String number;",
                "  }",
                "",
                "  @ClaudePrompt(value = \"Extract the order from this email as JSON like {{\\\"id\\\": ...}}: {email}\",",
                "      model = \"claude-sonnet-4-6\")",
                "  Order extract(String email);",
                "",
                "  @ClaudePrompt(\"Extract the invoice from: {text}\")",
                "  CompletableFuture<Invoice> invoice(String text);",
                "",
                "  @ClaudePrompt(\"Summarise: {text}\")",
                "  CompletableFuture<String> summary(@Name(\"text\") String body);",
                "}",
                "")),
        good(
            "streaming",
            String.join(
                "\n",
                "interface Bot {",
                "  @ClaudePrompt(value = \"Tell a story about {topic}\", maxTokens = 4000)",
                "  void story(String topic, Consumer<String> onText);",
                "",
                "  @ClaudePrompt(\"Tell a story about {topic}\")",
                "  String storyText(String topic, Consumer<String> onText);",
                "",
                "  @ClaudePrompt(\"Tell a story about {topic}\")",
                "  Stream<String> storyStream(String topic);",
                "}",
                "")),
        good(
            "retry on a plain class",
            String.join(
                "\n",
                "@RetryOn(value = {RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION, CONFLICT}, maxAttempts = 5,",
                "    initialDelayMs = 200, maxDelayMs = 5_000, multiplier = 1.5, jitter = Jitter.EQUAL, maxElapsedMs = 30_000)",
                "class Bot {",
                "  @RetryOn(value = ErrorKind.SERVER, maxAttempts = 2)",
                "  public String call() {",
                "    return \"x\";",
                "  }",
                "}",
                "")));
  }
}
