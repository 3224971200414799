package dev.declaude.testkit;

/** How the body of a scripted error response looks on the wire. */
public enum BodyShape {
  /** The documented JSON error body with {@code type}, {@code error} and {@code request_id}. */
  JSON,
  /** An HTML page, as a proxy or load balancer in front of the API would send. */
  HTML,
  /** No body at all. */
  EMPTY,
  /** The documented JSON body cut off halfway, so it does not parse. */
  TRUNCATED_JSON,
  /** A one-line plain-text message, as an edge gateway sends ({@code error code: 502}). */
  PLAIN_TEXT,
  /**
   * The edge's 413 body {@code {"error":{"type":"request_too_large","message":"Request exceeds the
   * maximum size"}}}: no outer {@code type}, no {@code request_id}, and no {@code request-id}
   * header.
   */
  EDGE_413
}
