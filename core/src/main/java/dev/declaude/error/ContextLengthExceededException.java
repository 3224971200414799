package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.Message;
import java.util.List;
import java.util.OptionalLong;

/**
 * 400: the request does not fit the model's context window. The API says so in one of two forms,
 * both parsed here:
 *
 * <ul>
 *   <li>{@code prompt is too long: N tokens > M maximum} (every model): {@link #inputTokens()} N,
 *       {@link #limit()} M;
 *   <li>{@code input length and `max_tokens` exceed context limit: A + B > C} (models before Claude
 *       4.5): {@link #inputTokens()} A, {@link #maxTokens()} B, {@link #limit()} C.
 * </ul>
 *
 * <p>A service with a {@code @ContextPolicy} may also throw it before sending anything, when its
 * estimate says the request cannot fit: then {@link #wasSent()} is false, {@link #status()} is 0,
 * there is no request id, the message says the numbers were estimated, and {@link #excess()} counts
 * the margin the policy keeps free. {@link #dropped()} lists the turns a truncating policy had
 * already dropped.
 */
public class ContextLengthExceededException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final long inputTokens;
  private final Long maxTokens;
  private final long limit;
  private final long margin;
  private final boolean sent;
  private final transient List<Message> dropped;

  /**
   * Creates the exception.
   *
   * @param maxTokens the {@code max_tokens} the message counted, or {@code null} when it named none
   */
  public ContextLengthExceededException(
      FailedResponse response, long inputTokens, Long maxTokens, long limit) {
    this(response, inputTokens, maxTokens, limit, List.of());
  }

  /**
   * Creates the exception of a request that still did not fit after {@code dropped} turns were
   * dropped.
   *
   * @param maxTokens the {@code max_tokens} the message counted, or {@code null} when it named none
   */
  public ContextLengthExceededException(
      FailedResponse response,
      long inputTokens,
      Long maxTokens,
      long limit,
      List<Message> dropped) {
    this(response, inputTokens, maxTokens, limit, 0, true, dropped);
  }

  private ContextLengthExceededException(
      FailedResponse response,
      long inputTokens,
      Long maxTokens,
      long limit,
      long margin,
      boolean sent,
      List<Message> dropped) {
    super(ErrorKind.CONTEXT_LENGTH, response);
    this.inputTokens = inputTokens;
    this.maxTokens = maxTokens;
    this.limit = limit;
    this.margin = margin;
    this.sent = sent;
    this.dropped = List.copyOf(dropped);
  }

  /**
   * Returns the exception of a request that a local estimate says cannot fit, thrown before
   * sending.
   *
   * @param inputTokens the estimated input tokens
   * @param maxTokens the request's {@code max_tokens}
   * @param limit the context window
   * @param margin the tokens the policy keeps free
   */
  public static ContextLengthExceededException estimated(
      long inputTokens, long maxTokens, long limit, long margin, List<Message> dropped) {
    String message =
        "prompt is too long: an estimated "
            + inputTokens
            + " input tokens + "
            + maxTokens
            + " max_tokens + a margin of "
            + margin
            + " > "
            + limit
            + " context window; nothing was sent"
            + (dropped.isEmpty() ? "" : " (" + dropped.size() + " oldest turns already dropped)");
    FailedResponse local =
        new FailedResponse("invalid_request_error", null, message, ResponseMetadata.ofStatus(0));
    return new ContextLengthExceededException(
        local, inputTokens, maxTokens, limit, margin, false, dropped);
  }

  /**
   * Returns a copy that also lists the turns dropped before it was thrown, with this one as its
   * cause.
   */
  public ContextLengthExceededException withDropped(List<Message> dropped) {
    var copy =
        new ContextLengthExceededException(
            failedResponse(), inputTokens, maxTokens, limit, margin, sent, dropped);
    copy.initCause(this);
    return copy;
  }

  /**
   * Returns whether the API refused the request; false when a context policy's estimate refused it
   * before it was sent.
   */
  public boolean wasSent() {
    return sent;
  }

  /** Returns the turns a truncating context policy dropped before giving up; empty otherwise. */
  public List<Message> dropped() {
    return dropped == null ? List.of() : dropped;
  }

  /** Returns the input tokens the API counted. */
  public long inputTokens() {
    return inputTokens;
  }

  /** Returns the {@code max_tokens} the API added to the input, in the second message form. */
  public OptionalLong maxTokens() {
    return maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens);
  }

  /**
   * Returns the tokens the request asked for: input, plus {@code max_tokens} when the message
   * counted it.
   */
  public long tokens() {
    return maxTokens == null ? inputTokens : inputTokens + maxTokens;
  }

  /** Returns the most tokens the model accepted. */
  public long limit() {
    return limit;
  }

  /**
   * Returns the tokens a context policy keeps free, counted when it refused before sending; else 0.
   */
  public long margin() {
    return margin;
  }

  /**
   * Returns how many tokens must go for the request to fit: {@link #tokens()} plus {@link
   * #margin()} minus {@link #limit()}.
   */
  public long excess() {
    return Math.max(0, tokens() + margin - limit);
  }
}
