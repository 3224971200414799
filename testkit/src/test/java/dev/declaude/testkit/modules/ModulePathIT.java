package dev.declaude.testkit.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.testkit.ClaudeSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application, compiled and run on the module path with the packaged jars: core is the
 * named module {@code dev.declaude.core}, the application reads only its exported packages, and a
 * generated service works there (its class calls nothing of declaude's internals, which the module
 * does not export).
 */
class ModulePathIT {
  /**
   * The jars a modular application of core needs: core, its two declaude modules and its libraries.
   */
  private static final Pattern MODULE_PATH =
      Pattern.compile(
          "(declaude-(core|annotations|rules)|jackson-(databind|core|annotations|datatype-jsr310|datatype-jdk8)"
              + "|okhttp|okio-jvm|kotlin-stdlib(-jdk7|-jdk8)?|byte-buddy|slf4j-api)-\\d[^"
              + Pattern.quote(File.separator)
              + "]*\\.jar");

  @TempDir Path dir;

  @Test
  void aModularApplicationCallsAServiceThroughTheNamedCoreModule() throws Exception {
    List<String> jars =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> MODULE_PATH.matcher(Path.of(entry).getFileName().toString()).matches())
            .collect(Collectors.toList());
    assertTrue(
        jars.stream().anyMatch(j -> j.contains("declaude-core-")),
        "core must be on the class path as its packaged jar (run through Maven verify): " + jars);
    String modulePath = String.join(File.pathSeparator, jars);
    Path src = dir.resolve("src");
    write(
        src.resolve("module-info.java"),
        "module shop { requires dev.declaude.core; opens shop to dev.declaude.core; }");
    write(
        src.resolve("shop/Bot.java"),
        String.join(
            "\n",
            "package shop;",
            "import dev.declaude.annotation.ClaudePrompt;",
            "public interface Bot {",
            "  @ClaudePrompt(\"Hello {name}\")",
            "  String hello(String name);",
            "}"));
    write(
        src.resolve("shop/Main.java"),
        String.join(
            "\n",
            "package shop;",
            "import dev.declaude.ClaudeClient;",
            "public final class Main {",
            "  public static void main(String[] args) {",
            "    try (ClaudeClient claude = ClaudeClient.builder().baseUrl(args[0]).apiKey(args[1]).build()) {",
            "      System.out.println(\"answer: \" + claude.create(Bot.class).hello(\"Ada\"));",
            "      System.out.println(\"core: \" + ClaudeClient.class.getModule().getName());",
            "    }",
            "  }",
            "}"));
    Path classes = dir.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options =
        new ArrayList<>(
            List.of("-parameters", "--module-path", modulePath, "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> options.add(f.toString()));
    }
    assertEquals(
        0, javac.run(null, null, null, options.toArray(String[]::new)), "the application compiles");

    try (ClaudeSimulator sim = ClaudeSimulator.builder().build().start()) {
      sim.enqueueReply("Hello from a module");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--module-path",
                  classes + File.pathSeparator + modulePath,
                  "-m",
                  "shop/shop.Main",
                  sim.baseUrl(),
                  sim.apiKey())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the application ends");

      assertEquals(
          List.of("answer: Hello from a module", "core: dev.declaude.core"),
          out.lines().toList(),
          Files.readString(dir.resolve("stderr.txt")));
      assertEquals(0, p.exitValue());
    }
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
