package dev.declaude.annotation;

/**
 * Classifies every failure a call to the Claude API can end in.
 *
 * <p>Kinds nest: {@link #SERVER} covers every 5xx and so {@link #OVERLOADED} (529) too, and {@link
 * #CONTEXT_LENGTH} is a kind of {@link #INVALID_REQUEST}. An exception has exactly one kind, the
 * most specific; a retry setting that names {@code SERVER} matches an exception whose kind is
 * {@code SERVER} or lies inside it (see {@link #isWithin(ErrorKind)}).
 */
public enum ErrorKind {
  /** 401: the API key is missing, malformed, revoked or expired. */
  AUTHENTICATION(null, false),
  /** 403: the key may not use the resource. */
  PERMISSION(null, false),
  /** 402, and the spend-cap 429: a billing problem that waiting will not fix. */
  BILLING(null, false),
  /** 404: an unknown or retired model, or another missing resource. */
  NOT_FOUND(null, false),
  /** 400 and other 4xx: the request is malformed; sending it again cannot help. */
  INVALID_REQUEST(null, false),
  /** 400: the prompt, or the prompt plus {@code max_tokens}, exceeds the model's context window. */
  CONTEXT_LENGTH(INVALID_REQUEST, false),
  /** 413: the request body exceeds the API's size limit. */
  REQUEST_TOO_LARGE(null, false),
  /** 409: the request conflicts with the current state of a resource; a retry may succeed. */
  CONFLICT(null, true),
  /** 429: a rate limit was hit; the server says when to come back. */
  RATE_LIMIT(null, true),
  /** 5xx: the server failed; a retry with backoff may succeed. */
  SERVER(null, true),
  /** 529: the API is overloaded across all users. A kind of {@link #SERVER}. */
  OVERLOADED(SERVER, true),
  /** The socket or call timed out before the response was complete. */
  TIMEOUT(null, true),
  /** The connection could not be made or broke: refused, reset, DNS or TLS failure. */
  CONNECTION(null, true),
  /**
   * The answer arrived but is not what the method's return type needs: JSON that does not parse
   * into it, or an answer cut off by {@code max_tokens}. Sending the same request again rarely
   * helps; raise {@code maxTokens} or simplify the type.
   */
  RESPONSE_FORMAT(null, false);

  private final ErrorKind parent;
  private final boolean retryable;

  ErrorKind(ErrorKind parent, boolean retryable) {
    this.parent = parent;
    this.retryable = retryable;
  }

  /** Returns the kind this one nests in, or {@code null} for a top-level kind. */
  public ErrorKind parent() {
    return parent;
  }

  /**
   * Returns whether this kind is {@code other} or nested inside it: {@code
   * OVERLOADED.isWithin(SERVER)} is true, {@code SERVER.isWithin(OVERLOADED)} is false.
   */
  public boolean isWithin(ErrorKind other) {
    for (ErrorKind k = this; k != null; k = k.parent) {
      if (k == other) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether waiting and sending the same request again can fix a failure of this kind. Only
   * these kinds may be named in {@code @RetryOn}; the others ({@code AUTHENTICATION}, {@code
   * INVALID_REQUEST}, {@code BILLING}, ...) fail the same way every time.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
