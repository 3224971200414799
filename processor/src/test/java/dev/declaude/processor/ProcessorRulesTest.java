package dev.declaude.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    return compile(List.of(source));
  }

  static Compilation compile(List<JavaFileObject> sources) {
    return javac()
        .withProcessors(new DeclaudeProcessor())
        .withOptions(
            "-Adeclaude.today=" + RuleCases.TODAY,
            "-parameters",
            // every case's diagnostics, however many cases share the run
            "-Xmaxerrs",
            "100000",
            "-Xmaxwarns",
            "100000")
        .compile(Sources.withStubs(sources));
  }

  /**
   * Every bad case, each {@code Bot} in a package of its own ({@link RuleCases#inOwnPackages}),
   * compiled with the processor in one run: javac's start, not the rules, is what takes the time.
   */
  private static final class AllBad {
    static final List<Case> CASES = RuleCases.bad();
    static final List<JavaFileObject> SOURCES = RuleCases.inOwnPackages(CASES);
    static final Compilation COMPILATION = compile(SOURCES);

    static JavaFileObject source(Case c) {
      return SOURCES.get(CASES.indexOf(c));
    }
  }

  private static long count(Compilation compilation, Diagnostic.Kind kind, JavaFileObject file) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind)
        .filter(d -> d.getSource() != null && d.getSource().toUri().equals(file.toUri()))
        .count();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badSourceIsReportedOnTheOffendingToken(Case c) {
    JavaFileObject source = AllBad.source(c);
    Compilation compilation = AllBad.COMPILATION;

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
    assertEquals(errors, count(compilation, Diagnostic.Kind.ERROR, source));
    assertEquals(
        c.expected().size() - errors,
        count(compilation, Diagnostic.Kind.WARNING, source)
            + count(compilation, Diagnostic.Kind.MANDATORY_WARNING, source));
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

  @org.junit.jupiter.api.Test
  void everyDiagnosticOfTheBadCasesIsOnTheCasesOwnSource() {
    // Counted per file above: a diagnostic on no source would escape every case's count.
    assertEquals(
        List.of(),
        AllBad.COMPILATION.diagnostics().stream()
            .filter(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getSource() == null)
            .map(d -> d.getMessage(null))
            .toList());
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
