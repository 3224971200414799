package dev.declaude.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What declaude's annotation processor adds to a compilation: 200 generated service interfaces (two
 * {@code @ClaudePrompt} methods each, with placeholders, system prompts and {@code @RetryOn}),
 * compiled in-process by javac with {@code -proc:none} and with {@code -processor
 * DeclaudeProcessor}, alternately, after warm-up rounds; prints the median of each and the
 * difference.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.declaude.bench.ProcessorBenchmark
 * [interfaces] [repetitions]}.
 */
public final class ProcessorBenchmark {
  static final String PROCESSOR = "dev.declaude.processor.DeclaudeProcessor";

  private ProcessorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int interfaces = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmUps = 8;
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
    }
    Path work = Files.createTempDirectory("declaude-procbench");
    try {
      List<Path> sources = writeSources(work.resolve("src"), interfaces);
      long[] without = new long[repetitions];
      long[] with = new long[repetitions];
      for (int i = -warmUps; i < repetitions; i++) {
        long a = compile(javac, sources, work.resolve("out-none"), "-proc:none");
        long b = compile(javac, sources, work.resolve("out-proc"), "-processor", PROCESSOR);
        if (i >= 0) {
          without[i] = a;
          with[i] = b;
        }
      }
      double none = median(without);
      double proc = median(with);
      System.out.println(
          "| compilation of "
              + interfaces
              + " interfaces ("
              + 2 * interfaces
              + " `@ClaudePrompt` methods) | median ms | min ms | max ms |");
      System.out.println("|---|---:|---:|---:|");
      System.out.println(line("`-proc:none`", without));
      System.out.println(line("`-processor DeclaudeProcessor`", with));
      System.out.println(
          String.format(
              Locale.ROOT,
              "| added by the processor | %.0f (%+.1f %%) | | |",
              proc - none,
              100 * (proc - none) / none));
      System.out.println();
      System.out.println(
          String.format(
              Locale.ROOT,
              "%d warm-up and %d measured rounds, alternating, in one JVM (%s)",
              warmUps,
              repetitions,
              System.getProperty("java.vm.version")));
    } finally {
      delete(work);
    }
  }

  private static String line(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %.0f | %.0f |",
        name,
        median(nanos),
        sorted[0] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  /** Compiles the sources into a fresh directory; returns the time taken in ns. */
  private static long compile(JavaCompiler javac, List<Path> sources, Path out, String... options)
      throws IOException {
    delete(out);
    Files.createDirectories(out);
    List<String> all =
        new ArrayList<>(
            List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                out.toString(),
                "-parameters",
                "--release",
                "17",
                "-Xlint:-options"));
    all.addAll(List.of(options));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      boolean ok = javac.getTask(null, files, diagnostics, all, null, units).call();
      long elapsed = System.nanoTime() - start;
      if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
        throw new IllegalStateException(
            "compilation with "
                + List.of(options)
                + " was not clean: "
                + diagnostics.getDiagnostics());
      }
      return elapsed;
    }
  }

  /** Writes {@code count} realistic service interfaces, one per file. */
  static List<Path> writeSources(Path dir, int count) throws IOException {
    Path pkg = dir.resolve("com/example/services");
    Files.createDirectories(pkg);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path file = pkg.resolve("Service" + i + ".java");
      Files.writeString(file, source(i));
      files.add(file);
    }
    return files;
  }

  static String source(int i) {
    return "package com.example.services;\n"
        + "\n"
        + "import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;\n"
        + "import static dev.declaude.annotation.ErrorKind.SERVER;\n"
        + "\n"
        + "import dev.declaude.annotation.ClaudePrompt;\n"
        + "import dev.declaude.annotation.RetryOn;\n"
        + "import java.util.concurrent.CompletableFuture;\n"
        + "\n"
        + "@RetryOn(value = {RATE_LIMIT, SERVER}, maxAttempts = 4)\n"
        + "public interface Service"
        + i
        + " {\n"
        + "  record Summary"
        + i
        + "(String title, int score, java.util.List<String> tags) {}\n"
        + "\n"
        + "  @ClaudePrompt(system = \"You are support agent number "
        + i
        + ". Answer in two sentences.\",\n"
        + "      value = \"Customer {customer} asks about order {orderId}: {question}\", maxTokens = 300)\n"
        + "  String answer(String customer, String orderId, String question);\n"
        + "\n"
        + "  @RetryOn(value = SERVER, maxAttempts = 6, initialDelayMs = 250, maxDelayMs = 4000)\n"
        + "  @ClaudePrompt(value = \"Summarise this ticket as JSON: {ticket}\", model = \"claude-haiku-4-5\",\n"
        + "      maxTokens = 500, temperature = 0.2)\n"
        + "  CompletableFuture<Summary"
        + i
        + "> summarise(String ticket);\n"
        + "}\n";
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mid = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return mid / 1e6;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
