package dev.declaude.testkit;

/** Thrown inside the simulator when a request is refused; carries the error to answer with. */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiError error;

  Rejection(ApiError error) {
    // No stack trace: a rejection is an answer, not a bug.
    super(error.message(), null, false, false);
    this.error = error;
  }

  /** Returns a 400 {@code invalid_request_error} rejection. */
  static Rejection invalid(String message) {
    return new Rejection(ApiError.invalid(message));
  }

  ApiError error() {
    return error;
  }
}
