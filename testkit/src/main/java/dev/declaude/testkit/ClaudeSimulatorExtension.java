package dev.declaude.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one {@link ClaudeSimulator} per test class: started before all tests, {@link
 * ClaudeSimulator#reset() reset} before each, closed after all, and injected into any constructor
 * or method parameter of type {@code ClaudeSimulator}.
 *
 * <pre>{@code
 * @ExtendWith(ClaudeSimulatorExtension.class)
 * class BotTest {
 *   @Test
 *   void answers(ClaudeSimulator sim) { ... }
 * }
 *
 * class LimitedBotTest {
 *   @RegisterExtension
 *   static ClaudeSimulatorExtension sim = ClaudeSimulatorExtension.withConfig(b -> b.rateLimit(2, 2));
 *
 *   @Test
 *   void waits() { sim.simulator().enqueue(Fault.overloaded()); ... }
 * }
 * }</pre>
 *
 * <p>Register it on a static field (or with {@code @ExtendWith}): JUnit calls class-level callbacks
 * only then. Nested test classes share their outer class's simulator.
 */
public final class ClaudeSimulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClaudeSimulatorExtension.class);
  private static final String SIMULATOR = "simulator";
  private static final String OWNER = "owner";

  private final Consumer<ClaudeSimulatorBuilder> config;
  private volatile ClaudeSimulator simulator;

  /** Creates the extension with a default simulator; used by {@code @ExtendWith}. */
  public ClaudeSimulatorExtension() {
    this(builder -> {});
  }

  private ClaudeSimulatorExtension(Consumer<ClaudeSimulatorBuilder> config) {
    this.config = config;
  }

  /** Returns an extension whose simulator is built with {@code config} applied to the builder. */
  public static ClaudeSimulatorExtension withConfig(Consumer<ClaudeSimulatorBuilder> config) {
    return new ClaudeSimulatorExtension(Objects.requireNonNull(config, "config"));
  }

  /**
   * Returns the running simulator.
   *
   * @throws IllegalStateException before the test class has started
   */
  public ClaudeSimulator simulator() {
    ClaudeSimulator running = simulator;
    if (running == null) {
      throw new IllegalStateException(
          "the simulator starts before the first test; register the extension"
              + " on a static field so JUnit calls beforeAll");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    ClaudeSimulator inherited = store.get(SIMULATOR, ClaudeSimulator.class);
    if (inherited != null) {
      // A nested class: its outer class owns the simulator.
      simulator = inherited;
      return;
    }
    ClaudeSimulatorBuilder builder = ClaudeSimulator.builder();
    config.accept(builder);
    ClaudeSimulator started = builder.build().start();
    store.put(SIMULATOR, started);
    store.put(OWNER, context.getUniqueId());
    simulator = started;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (!context.getUniqueId().equals(store.get(OWNER, String.class))) {
      return;
    }
    ClaudeSimulator started = store.remove(SIMULATOR, ClaudeSimulator.class);
    store.remove(OWNER);
    simulator = null;
    if (started != null) {
      started.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    find(context).reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ClaudeSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return find(context);
  }

  private ClaudeSimulator find(ExtensionContext context) {
    ClaudeSimulator found = context.getStore(NAMESPACE).get(SIMULATOR, ClaudeSimulator.class);
    return found != null ? found : simulator();
  }
}
