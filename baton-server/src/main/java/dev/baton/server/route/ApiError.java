package dev.baton.server.route;

import dev.baton.engine.BatonException;

/**
 * A request the server refuses, answered as {@code {"error": message}} with the status. Thrown by
 * the routes for bad input; the engine's own refusals arrive as {@code BatonException}.
 */
public final class ApiError extends RuntimeException {
  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  /**
   * The status an engine refusal of {@code reason} is answered with, by the API and the console.
   */
  public static int statusOf(BatonException.Reason reason) {
    return switch (reason) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case FORBIDDEN -> 403;
    };
  }
}
