package dev.baton.server.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the requests in flight finish before the server stops, which Javalin's stop does not: it
 * cuts them, and a client whose create was cut cannot tell whether the job exists. Jetty's own
 * graceful handler would wait too, but answers 503 to every request that arrives meanwhile, which a
 * rolling restart would show its clients.
 *
 * <p>So the connectors stop accepting (a new connection is refused, and the client tries another
 * node), requests that still arrive on open connections are served as usual and answered with
 * {@code Connection: close} (Jetty does that once a connector is shut down), and the stop waits
 * until none is running, for at most {@code bound}. A request that arrives in the last instant is
 * still cut; retrying a create with its {@code Idempotency-Key} is what makes that safe.
 */
public final class RequestDrain {
  private static final Logger log = LoggerFactory.getLogger(RequestDrain.class);
  private static final long PAUSE_NANOS = Duration.ofMillis(10).toNanos();

  private RequestDrain() {}

  public static void drain(Server jetty, Duration bound) {
    for (Connector c : jetty.getConnectors()) {
      if (c instanceof Graceful g) {
        g.shutdown();
      }
    }
    StatisticsHandler stats = jetty.getDescendant(StatisticsHandler.class);
    if (stats == null) {
      return; // nothing counts the requests: stop as Javalin does
    }
    long deadline = System.nanoTime() + bound.toNanos();
    while (stats.getRequestsActive() > 0) {
      if (System.nanoTime() - deadline > 0) {
        log.warn(
            "{} requests still running after {} ms; stopping anyway",
            stats.getRequestsActive(),
            bound.toMillis());
        return;
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
