package dev.declaude.internal.http;

/**
 * How much of a response the transport reads before it gives up on it as not the API's answer.
 *
 * @param maxResponseBytes the most bytes of a non-streamed body (a message, a token count)
 * @param maxStreamEventBytes the most bytes of one line, or of one event's data, of a stream
 */
public record ReadLimits(long maxResponseBytes, long maxStreamEventBytes) {
  /**
   * The defaults: 32 MiB for a body, the API's own request-size limit and far above any answer
   * (128K output tokens are well under 1 MiB of text); 8 MiB for a stream event, whose deltas are a
   * few bytes each.
   */
  public static final ReadLimits DEFAULTS = new ReadLimits(32L << 20, 8L << 20);

  /**
   * Creates limits.
   *
   * @throws IllegalArgumentException if a limit is below 1
   */
  public ReadLimits {
    if (maxResponseBytes < 1 || maxStreamEventBytes < 1) {
      throw new IllegalArgumentException(
          "read limits must be at least 1 byte, were "
              + maxResponseBytes
              + " and "
              + maxStreamEventBytes);
    }
  }
}
