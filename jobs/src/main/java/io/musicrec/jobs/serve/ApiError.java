package io.musicrec.jobs.serve;

/**
 * A request the API answers with a 4xx/5xx status and a JSON body {@code {"error": message,
 * "reason": reason}}. {@code reason} is a stable machine-readable word (e.g. {@code not_audio},
 * {@code not_found}, {@code too_large}); the message is for people.
 */
class ApiError extends RuntimeException {
  private final int status;
  private final String reason;

  ApiError(int status, String reason, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  int status() {
    return status;
  }

  String reason() {
    return reason;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }
}
