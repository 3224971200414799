package dev.declaude.retry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.DoubleSupplier;

/** Returns scripted values, then repeats the last one; counts how many were drawn. */
public final class FakeRandom implements DoubleSupplier {
  private final Deque<Double> values = new ArrayDeque<>();
  private double last;
  private int draws;

  public static FakeRandom of(double... values) {
    FakeRandom r = new FakeRandom();
    for (double v : values) {
      r.values.add(v);
    }
    r.last = values.length == 0 ? 0 : values[values.length - 1];
    return r;
  }

  @Override
  public synchronized double getAsDouble() {
    draws++;
    return values.isEmpty() ? last : values.poll();
  }

  public synchronized int draws() {
    return draws;
  }
}
