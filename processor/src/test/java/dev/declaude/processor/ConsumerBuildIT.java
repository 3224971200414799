package dev.declaude.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.internal.rules.RuleSet;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's build, as javac runs it: the packaged processor and its two dependencies on the
 * processor path, the annotations on the class path, nothing else. It must print the diagnostics
 * and nothing more (no logging framework's start-up line).
 */
class ConsumerBuildIT {
  @TempDir Path dir;

  @Test
  void aConsumerBuildPrintsOnlyTheDiagnostics() throws Exception {
    Path source = dir.resolve("src/shop/Bot.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package shop;",
            "import dev.declaude.annotation.ClaudePrompt;",
            "public interface Bot {",
            "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-unheard-of-9\")",
            "  String hello(String name);",
            "}",
            ""));
    String processorPath =
        String.join(
            File.pathSeparator,
            System.getProperty("declaude.processorJar"),
            jarOf(RuleSet.class),
            jarOf(ClaudePrompt.class));
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");

    Process p =
        new ProcessBuilder(
                javac.toString(),
                "-proc:only",
                "-Xlint:-options",
                "-processorpath",
                processorPath,
                "-cp",
                jarOf(ClaudePrompt.class),
                "-d",
                dir.resolve("out").toString(),
                source.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(1, TimeUnit.MINUTES);

    assertEquals(0, p.exitValue(), output);
    assertFalse(output.contains("SLF4J"), output);
    List<String> lines = output.lines().toList();
    assertEquals(
        List.of(
            source
                + ":4: warning: [declaude:model-unknown] model \"claude-unheard-of-9\" is not in declaude's model"
                + " catalogue, so its limits cannot be checked; check the id, or update declaude if the model is new",
            "  @ClaudePrompt(value = \"Hello {name}\", model = \"claude-unheard-of-9\")",
            "                                                ^",
            "1 warning"),
        lines);
  }

  private static String jarOf(Class<?> type) throws URISyntaxException, IOException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toRealPath()
        .toString();
  }
}
