package dev.declaude.regressions;

import dev.declaude.ClaudeClient;

/**
 * Run in a child JVM at {@code -Xmx64m} by {@link HugeBodiesAreNotReadIntoMemoryTest}: sends one
 * request to a server that answers 200 MiB, with the client's default caps, and prints what the
 * call threw.
 */
public final class HugeAnswerAtSmallHeap {
  private HugeAnswerAtSmallHeap() {}

  public static void main(String[] args) throws Exception {
    String head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
    try (HostileServer server =
            new HostileServer(
                head, HostileServer.repeated(HugeBodiesAreNotReadIntoMemoryTest.HUGE, ' '));
        ClaudeClient client =
            ClaudeClient.builder().apiKey(Loopback.KEY).baseUrl(server.baseUrl()).build()) {
      client.send(Loopback.request());
      System.out.println("returned normally");
    } catch (Throwable t) {
      System.out.println("threw " + t);
    }
  }
}
