package dev.declaude.testkit;

/**
 * An error the simulated API answers with: status, {@code error.type}, message and optional {@code
 * error.details.error_code}.
 */
record ApiError(int status, String type, String message, String errorCode) {

  /** Returns an error whose type is the documented one for {@code status}. */
  static ApiError of(int status, String message) {
    return new ApiError(status, ErrorBodies.typeFor(status), message, null);
  }

  /** Returns a 400 {@code invalid_request_error}. */
  static ApiError invalid(String message) {
    return of(400, message);
  }
}
