package dev.declaude.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A deliberately broken interface, compiled as this module's build compiles its sources (javac with
 * declaude's processor on the processor path), fails with the processor's message on the right
 * line.
 */
class BrokenInterfaceBuildTest {
  private static final String SOURCE =
      String.join(
          "\n",
          "package dev.declaude.examples.broken;",
          "",
          "import static dev.declaude.annotation.ErrorKind.AUTHENTICATION;",
          "import dev.declaude.annotation.ClaudePrompt;",
          "import dev.declaude.annotation.RetryOn;",
          "",
          "public interface BrokenBot {",
          "  @RetryOn(AUTHENTICATION)",
          "  @ClaudePrompt(\"Answer {question}\")",
          "  String answer(String query);",
          "}",
          "");

  @Test
  void theBuildFailsWithTheProcessorsMessagesAtTheRightLines() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///BrokenBot.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return SOURCE;
          }
        };
    String classPath = System.getProperty("java.class.path");
    List<String> options =
        List.of(
            "-classpath",
            classPath,
            "-processorpath",
            classPath,
            "-processor",
            "dev.declaude.processor.DeclaudeProcessor",
            "-parameters",
            "-d",
            System.getProperty("java.io.tmpdir"));

    boolean compiled =
        javac.getTask(null, null, diagnostics, options, null, List.of(source)).call();

    assertFalse(compiled);
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(
                d ->
                    d.getLineNumber()
                        + ":"
                        + d.getColumnNumber()
                        + " "
                        + d.getMessage(Locale.ROOT).split(" ")[0])
            .sorted()
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "10:24 [declaude:parameter-unused]",
            "8:12 [declaude:retry-kind]",
            "9:17 [declaude:placeholder-unbound]"),
        errors);
  }
}
