package dev.declaude.bench;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the {@code @RetryOn} aspect on a call that succeeds at once: the same trivial method,
 * plain and woven (compile-time, by this module's build), through the process-wide retry engine.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Advice -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdviceBenchmark {

  /** A method nothing is woven into. */
  public static class Plain {
    /** Returns its argument. */
    public String echo(String text) {
      return text;
    }
  }

  /** The same method with {@code @RetryOn}, woven with declaude's aspects. */
  public static class Woven {
    /** Returns its argument. */
    @RetryOn(SERVER)
    public String echo(String text) {
      return text;
    }
  }

  private final Plain plain = new Plain();
  private final Woven woven = new Woven();
  // Not final and read each call, so the JIT cannot fold the argument into a constant.
  private String text = "hello";

  @Benchmark
  public String plain() {
    return plain.echo(text);
  }

  @Benchmark
  public String woven() {
    return woven.echo(text);
  }
}
