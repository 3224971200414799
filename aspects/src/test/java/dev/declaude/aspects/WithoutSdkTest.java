package dev.declaude.aspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The official SDK is an optional dependency: with it missing, translation still works for I/O
 * failures and nothing throws {@link NoClassDefFoundError}. The aspects' classes are loaded afresh
 * by a class loader that hides {@code com.anthropic}, so they link as they would on a class path
 * without the SDK.
 */
class WithoutSdkTest {
  private final ClassLoader withoutSdk = new SdkHidingLoader(WithoutSdkTest.class.getClassLoader());

  @Test
  void hidingLoaderReallyHidesTheSdk() throws Exception {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName(ForeignFailures.SDK_MARKER_CLASS, false, withoutSdk));
    // The one class that names SDK types cannot even be linked here: ForeignFailures must never
    // touch it.
    assertThrows(
        NoClassDefFoundError.class,
        () -> Class.forName(AnthropicSdkErrors.class.getName(), true, withoutSdk));
  }

  @Test
  void sdkIsReportedAbsent() throws Exception {
    assertFalse((Boolean) invoke("sdkPresent"));
    assertTrue(ForeignFailures.sdkPresent());
  }

  @Test
  void ioFailureIsStillTranslatedWithoutTheSdk() throws Exception {
    SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");

    Object typed = invoke("translate", timeout, "Bot.answer(..)");

    assertInstanceOf(ClaudeTimeoutException.class, typed);
    assertSame(timeout, ((Throwable) typed).getCause());
  }

  @Test
  void uncheckedIoFailureIsStillTranslatedWithoutTheSdk() throws Exception {
    Object typed =
        invoke(
            "translate",
            new UncheckedIOException(new java.net.SocketException("reset")),
            "Bot.answer(..)");

    assertInstanceOf(ClaudeConnectionException.class, typed);
    assertEquals("Bot.answer(..) failed: reset", ((Throwable) typed).getMessage());
  }

  @Test
  void otherFailuresPassThroughWithoutTheSdk() throws Exception {
    IllegalStateException bug = new IllegalStateException("bug");

    assertSame(bug, invoke("translate", bug, "Bot.answer(..)"));
  }

  private Object invoke(String name, Object... args) throws Exception {
    Class<?> failures = Class.forName(ForeignFailures.class.getName(), true, withoutSdk);
    assertSame(withoutSdk, failures.getClassLoader());
    Class<?>[] types =
        name.equals("translate") ? new Class<?>[] {Throwable.class, String.class} : new Class<?>[0];
    Method m = failures.getDeclaredMethod(name, types);
    m.setAccessible(true);
    return m.invoke(null, args);
  }

  /**
   * Defines {@code dev.declaude.aspects} classes itself (so they link through it), hides {@code
   * com.anthropic}, and leaves everything else (core, JDK) to the parent.
   */
  private static final class SdkHidingLoader extends ClassLoader {
    SdkHidingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith("com.anthropic.")) {
          throw new ClassNotFoundException(
              name + " (hidden: this loader plays a class path without the SDK)");
        }
        if (!name.startsWith("dev.declaude.aspects.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = define(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
