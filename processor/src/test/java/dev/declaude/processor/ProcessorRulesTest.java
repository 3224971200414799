package dev.declaude.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.declaude.internal.rules.Severity;
import dev.declaude.processor.RuleCases.Case;
import dev.declaude.processor.RuleCases.Expected;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@link RuleCases}, compiled with the processor. */
class ProcessorRulesTest {

  static List<Case> bad() {
    return RuleCases.bad();
  }

  static List<Case> good() {
    return RuleCases.good();
  }

  static Compilation compile(JavaFileObject source) {
    return javac()
        .withProcessors(new DeclaudeProcessor())
        .withOptions("-Adeclaude.today=" + RuleCases.TODAY, "-parameters")
        .compile(Sources.withStubs(source));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badSourceIsReportedOnTheOffendingToken(Case c) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Bot", c.source());
    Compilation compilation = compile(source);

    if (System.getProperty("declaude.dump") != null) {
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        System.out.println(
            "DUMP "
                + c.name()
                + " | "
                + d.getKind()
                + " | "
                + d.getLineNumber()
                + ":"
                + d.getColumnNumber()
                + " | "
                + d.getMessage(null)
                + " | "
                + c.source().split("\n", -1)[(int) d.getLineNumber() - 1]);
      }
    }
    long errors = c.expected().stream().filter(e -> e.rule().severity() == Severity.ERROR).count();
    assertThat(compilation).hadErrorCount((int) errors);
    assertThat(compilation).hadWarningCount(c.expected().size() - (int) errors);
    for (Expected e : c.expected()) {
      int[] at = position(c.source(), e.at());
      String message = e.rule().tag() + " " + e.message();
      if (e.rule().severity() == Severity.ERROR) {
        assertThat(compilation)
            .hadErrorContaining(message)
            .inFile(source)
            .onLine(at[0])
            .atColumn(at[1]);
      } else {
        assertThat(compilation)
            .hadWarningContaining(message)
            .inFile(source)
            .onLine(at[0])
            .atColumn(at[1]);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void goodSourceCompilesWithoutWarnings(Case c) {
    Compilation compilation = compile(JavaFileObjects.forSourceString("test.Bot", c.source()));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @org.junit.jupiter.api.Test
  void warningsAreSilencedBySuppressWarnings() {
    Compilation compilation =
        compile(JavaFileObjects.forSourceString("test.Bot", RuleCases.suppressed().source()));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @org.junit.jupiter.api.Test
  void anErrorIsNotSilencedBySuppressWarnings() {
    JavaFileObject source =
        JavaFileObjects.forSourceString(
            "test.Bot",
            RuleCases.HEADER
                + String.join(
                    "\n",
                    "@SuppressWarnings(\"declaude\")",
                    "interface Bot {",
                    "  @ClaudePrompt(value = \"Hi\", maxTokens = 0)",
                    "  String hi();",
                    "}"));

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining("[declaude:max-tokens] maxTokens is 0 but must be at least 1")
        .inFile(source)
        .onLine(15)
        .atColumn(43);
  }

  @org.junit.jupiter.api.Test
  void keepsGoingAfterAnErrorAndReportsEveryType() {
    JavaFileObject source =
        JavaFileObjects.forSourceString(
            "test.Bot",
            RuleCases.HEADER
                + String.join(
                    "\n",
                    "interface Bot {",
                    "  @ClaudePrompt(value = \"Hi {x}\", maxTokens = 0)",
                    "  String hi();",
                    "",
                    "  interface Inner {",
                    "    @RetryOn(value = AUTHENTICATION, maxAttempts = 0)",
                    "    @ClaudePrompt(\"\")",
                    "    String hi();",
                    "  }",
                    "}"));

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation)
        .hadErrorContaining("[declaude:placeholder-unbound]")
        .inFile(source)
        .onLine(14);
    assertThat(compilation).hadErrorContaining("[declaude:max-tokens]").inFile(source).onLine(14);
    assertThat(compilation).hadErrorContaining("[declaude:retry-kind]").inFile(source).onLine(18);
    assertThat(compilation)
        .hadErrorContaining("[declaude:retry-max-attempts]")
        .inFile(source)
        .onLine(18);
    assertThat(compilation)
        .hadErrorContaining("[declaude:template-blank]")
        .inFile(source)
        .onLine(19);
  }

  /**
   * Returns the 1-based line and column of the {@code ^} in {@code snippet}, found in {@code
   * source}.
   */
  static int[] position(String source, String snippet) {
    int caret = snippet.indexOf('^');
    if (caret < 0) {
      throw new IllegalArgumentException("no ^ in " + snippet);
    }
    String plain = snippet.substring(0, caret) + snippet.substring(caret + 1);
    int start = source.indexOf(plain);
    if (start < 0 || source.indexOf(plain, start + 1) >= 0) {
      throw new IllegalArgumentException("snippet not found exactly once: " + plain);
    }
    int offset = start + caret;
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
