package dev.declaude.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * The simulator's server sockets. Their connections send at once (TCP_NODELAY): MockWebServer
 * writes a response's headers and body as two flushes; with Nagle's algorithm on, the body waits
 * for the client to acknowledge the headers, and the client delays that acknowledgement by about 40
 * ms, so every simulated call took 44 ms on loopback, which no real server adds.
 *
 * <p>They also tell when a response has been written in full: the serving thread reads from (or
 * closes) the socket only once it is done writing, and then calls {@code idle} first, on that
 * thread.
 */
final class ServingSockets extends ServerSocketFactory {
  private final Runnable idle;

  ServingSockets(Runnable idle) {
    this.idle = idle;
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new WatchingServerSocket(idle);
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket s = createServerSocket();
    s.bind(new InetSocketAddress(port));
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket s = createServerSocket();
    s.bind(new InetSocketAddress(port), backlog);
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    ServerSocket s = createServerSocket();
    s.bind(new InetSocketAddress(address, port), backlog);
    return s;
  }

  private static final class WatchingServerSocket extends ServerSocket {
    private final Runnable idle;

    WatchingServerSocket(Runnable idle) throws IOException {
      super();
      this.idle = idle;
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = new WatchedSocket(idle);
      implAccept(socket);
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  private static final class WatchedSocket extends Socket {
    private final Runnable idle;

    WatchedSocket(Runnable idle) {
      this.idle = idle;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          idle.run();
          return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          idle.run();
          return super.read(buffer, offset, length);
        }
      };
    }

    @Override
    public synchronized void close() throws IOException {
      try {
        idle.run();
      } finally {
        super.close();
      }
    }
  }
}
