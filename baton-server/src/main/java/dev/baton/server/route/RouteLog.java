package dev.baton.server.route;

import dev.baton.engine.BatonException;
import dev.baton.log.LogContext;
import dev.baton.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a route with its log fields (worker, task, job, robot) in the MDC from its start, and logs
 * an unexpected failure while they are still set: the server's exception handler runs only after
 * the route has returned, when a route's own {@link LogContext} is already closed, so its 500 line
 * would name none of them.
 */
public final class RouteLog {
  private static final Logger log = LoggerFactory.getLogger(RouteLog.class);

  private RouteLog() {}

  /** A route's body, given the fields it may add to (ids it reads from the request body). */
  @FunctionalInterface
  public interface Body {
    void handle(Context ctx, LogContext fields) throws Exception;
  }

  /**
   * Runs {@code route} with {@code fields} set; closes them after. A refusal (4xx) passes through;
   * anything else is logged here and rethrown as {@link Logged}, which the server answers with a
   * 500 that reveals nothing.
   */
  public static void run(Context ctx, LogContext fields, Body route) throws Exception {
    try (fields) {
      try {
        route.handle(ctx, fields);
      } catch (Exception e) {
        if (isRefusal(e) || e instanceof Logged) {
          throw e;
        }
        unexpected(ctx, e);
        throw new Logged(e);
      }
    }
  }

  /** The one line an unexpected failure gets, with whatever fields the MDC holds now. */
  public static void unexpected(Context ctx, Exception e) {
    log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
  }

  /**
   * Not logged here: refusals, and what the server answers without a 500 (a store that cannot serve
   * and a shutdown: 503; a body that cannot be read: 400), each logged there as it deserves.
   */
  private static boolean isRefusal(Exception e) {
    return e instanceof ApiError
        || e instanceof BatonException
        || e instanceof StoreException
        || e instanceof HttpResponseException
        || causedBy(e, InterruptedException.class)
        || causedBy(e, InterruptedIOException.class)
        || causedBy(e, IOException.class)
        || isBadMessage(e);
  }

  /** Whether {@code e} or one of its causes is a {@code kind}. */
  public static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (kind.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Jetty's refusal of a malformed request (its BadMessageException), by name: not an API type. */
  public static boolean isBadMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().endsWith("BadMessageException")) {
        return true;
      }
    }
    return false;
  }

  /** An unexpected failure {@link #run} has logged already: answered 500, not logged again. */
  public static final class Logged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Logged(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
