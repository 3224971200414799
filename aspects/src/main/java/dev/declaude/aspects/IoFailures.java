package dev.declaude.aspects;

import dev.declaude.ClaudeErrors;
import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ClaudeTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Types a network failure of an HTTP stack as core's client does ({@link ClaudeErrors}), keeping
 * whatever wrapped it as the cause. Only failures of the network count: a woven method's own {@code
 * IOException} (a file not found, a JSON parse error) says nothing about an API and is left alone,
 * so the caller's {@code catch (IOException)} still runs and nothing retries it.
 */
final class IoFailures {
  // Network failures that live outside java.base, named so this module needs neither java.net.http
  // nor OkHttp.
  private static final Set<String> NETWORK_TYPES =
      Set.of(
          "java.net.http.HttpTimeoutException",
          "java.net.http.HttpConnectTimeoutException",
          "okhttp3.internal.http2.StreamResetException",
          "okhttp3.internal.http2.ConnectionShutdownException");

  // HTTP clients that throw plain IOExceptions for network failures (the JDK's, for a dropped
  // connection).
  private static final java.util.List<String> HTTP_STACKS =
      java.util.List.of(
          "jdk.internal.net.http.",
          "sun.net.www.protocol.http.",
          "okhttp3.",
          "org.apache.hc.client5.",
          "org.apache.http.",
          "io.netty.",
          "reactor.netty.",
          "org.eclipse.jetty.client.");

  private IoFailures() {}

  /**
   * Returns whether {@code io} is a failure of the network under an HTTP client: a refused, reset
   * or closed connection, a timeout, an unknown host, a TLS failure, a broken HTTP exchange; by its
   * type, or, for the plain {@code IOException}s some clients throw (the JDK's {@code HttpClient}
   * for a dropped connection), by the HTTP client that threw it.
   */
  static boolean isNetwork(IOException io) {
    if (io instanceof SocketException
        || io instanceof UnknownHostException
        || io instanceof SSLException
        || io instanceof ProtocolException
        || io instanceof java.net.SocketTimeoutException) {
      return true;
    }
    // OkHttp reports its call timeout as a plain InterruptedIOException("timeout").
    if (io.getClass() == InterruptedIOException.class && "timeout".equals(io.getMessage())) {
      return true;
    }
    for (Class<?> c = io.getClass(); c != null; c = c.getSuperclass()) {
      if (NETWORK_TYPES.contains(c.getName())) {
        return true;
      }
    }
    return thrownByHttpStack(io);
  }

  private static boolean thrownByHttpStack(IOException io) {
    StackTraceElement[] frames = io.getStackTrace();
    if (frames.length == 0) {
      return false;
    }
    String origin = frames[0].getClassName();
    return HTTP_STACKS.stream().anyMatch(origin::startsWith);
  }

  /**
   * Returns the timeout or connection exception of {@code io}.
   *
   * @param original the exception the method threw: {@code io} itself, or a wrapper of it such as
   *     an {@code UncheckedIOException} or the SDK's {@code AnthropicIoException}, which becomes
   *     the cause
   * @param what the method that failed, for the message
   */
  static ClaudeException translate(IOException io, Throwable original, String what) {
    ClaudeException typed = ClaudeErrors.fromNetworkFailure(io, what);
    if (original == io) {
      return typed;
    }
    // Same classification, but the wrapper (whose cause is io) is kept: its stack trace says where
    // it came from.
    return typed instanceof ClaudeTimeoutException
        ? new ClaudeTimeoutException(typed.getMessage(), original)
        : new ClaudeConnectionException(typed.getMessage(), original);
  }

  /**
   * Returns the connection exception of a transport failure that carries no {@link IOException}.
   */
  static ClaudeException connectionFailure(Throwable original, String what) {
    String detail =
        original.getMessage() == null ? original.getClass().getSimpleName() : original.getMessage();
    return new ClaudeConnectionException(what + " failed: " + detail, original);
  }
}
