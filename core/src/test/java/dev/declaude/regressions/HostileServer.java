package dev.declaude.regressions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on loopback that answers every request with a status line, headers and a body it
 * generates as it writes, so a test can send a 200 MiB answer without holding 200 MiB. Counts the
 * body bytes it managed to write before the client hung up.
 */
final class HostileServer implements AutoCloseable {
  /** Writes a response body, adding what it wrote to {@code written}. */
  interface Body {
    void writeTo(OutputStream out, AtomicLong written) throws IOException;
  }

  private final ServerSocket socket;
  private final String head;
  private final Body body;
  private final AtomicLong written = new AtomicLong();
  private final Thread acceptor;

  HostileServer(String head, Body body) {
    try {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.head = head;
    this.body = body;
    this.acceptor = new Thread(this::accept, "hostile-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A body of {@code bytes} repeated {@code filler} bytes, counted as they go. */
  static Body repeated(long bytes, char filler) {
    return (out, written) -> {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) filler);
      long left = bytes;
      while (left > 0) {
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        written.addAndGet(n);
        left -= n;
      }
    };
  }

  /** A body that is {@code prefix}, then {@code bytes} of {@code filler}. */
  static Body prefixed(String prefix, long bytes, char filler) {
    return (out, written) -> {
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      repeated(bytes, filler).writeTo(out, written);
    };
  }

  /** A body that never comes: the server says nothing until {@code release} is counted down. */
  static Body silentUntil(java.util.concurrent.CountDownLatch release) {
    return (out, written) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  long written() {
    return written.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        readRequest(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        body.writeTo(out, written);
        out.flush();
      } catch (IOException e) {
        // The client hung up mid-body, as it should once it has read enough.
      }
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    long length = 0;
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    reader.skip(length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
