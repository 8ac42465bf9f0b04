package dev.baton.fleet;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the fleet behaves; the defaults are CasareRPA's. Limits per task type are not here: they are
 * the engine's ({@code TypeLimits}), the same for robots and HTTP workers.
 *
 * @param staleTimeout a robot silent longer than this goes offline and loses its jobs (60 s)
 * @param acceptTimeout a {@code job_assign} with no {@code job_accept}/{@code job_reject} by then
 *     counts as refused ("Response timeout", 30 s)
 * @param defaultJobTimeout how long a job may run from acceptance unless it says otherwise (3600 s)
 * @param queueTimeout how long a job may wait in the queue before it fails (24 h)
 * @param dedupWindow a job with the same workflow, robot and parameters within this window is
 *     refused as a duplicate (300 s)
 * @param defaultStrategy the strategy of a job that names none ({@code least_loaded})
 * @param requeueLostJobs true: the jobs of a lost robot go back to the queue; false: they fail
 * @param authToken the token a robot's {@code register} must carry; empty: none needed, unless
 *     {@code tokenRequired}
 * @param tokenRequired true (the server has client tokens): a robot must carry {@code authToken},
 *     and while that is empty every robot is refused, so that a protected server never takes an
 *     anonymous robot
 * @param rejectCooldown a robot that refused a job is not offered it again for this long (30 s)
 * @param heartbeatInterval told to robots in {@code register_ack} (30 s)
 * @param logBatchSize told to robots in {@code register_ack} (100)
 * @param dispatchWindow queued tasks the dispatcher reads in one store call and hands out from over
 *     its next rounds ({@code QueueWindow}); fair share between clients holds within it (256)
 * @param checkInterval how often health, accept and run timeouts are checked (1 s)
 * @param reconnectGrace how long the running jobs of a robot whose connection dropped stay leased
 *     to it, so that it keeps them when it reconnects to this node or another (30 s); past it they
 *     are re-queued or failed by {@code requeueLostJobs}. Kept below the engine's worker TTL, which
 *     would otherwise fail their attempt first
 */
public record FleetOptions(
    Duration staleTimeout,
    Duration acceptTimeout,
    Duration defaultJobTimeout,
    Duration queueTimeout,
    Duration dedupWindow,
    String defaultStrategy,
    boolean requeueLostJobs,
    String authToken,
    boolean tokenRequired,
    Duration rejectCooldown,
    Duration heartbeatInterval,
    int logBatchSize,
    int dispatchWindow,
    Duration checkInterval,
    Duration reconnectGrace) {

  public static final FleetOptions DEFAULTS =
      new FleetOptions(
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          Duration.ofSeconds(3600),
          Duration.ofHours(24),
          Duration.ofSeconds(300),
          "least_loaded",
          true,
          "",
          false,
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          100,
          256,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  public FleetOptions withStaleTimeout(Duration d) {
    return with(o -> o.staleTimeout = d);
  }

  public FleetOptions withAcceptTimeout(Duration d) {
    return with(o -> o.acceptTimeout = d);
  }

  public FleetOptions withDefaultJobTimeout(Duration d) {
    return with(o -> o.defaultJobTimeout = d);
  }

  public FleetOptions withDedupWindow(Duration d) {
    return with(o -> o.dedupWindow = d);
  }

  public FleetOptions withDefaultStrategy(String s) {
    return with(o -> o.defaultStrategy = s);
  }

  public FleetOptions withRequeueLostJobs(boolean r) {
    return with(o -> o.requeueLostJobs = r);
  }

  public FleetOptions withAuthToken(String t) {
    return with(o -> o.authToken = t);
  }

  public FleetOptions withTokenRequired(boolean required) {
    return with(o -> o.tokenRequired = required);
  }

  public FleetOptions withCheckInterval(Duration d) {
    return with(o -> o.checkInterval = d);
  }

  public FleetOptions withReconnectGrace(Duration d) {
    return with(o -> o.reconnectGrace = d);
  }

  /** A copy with what {@code change} sets; the one place that lists every field. */
  private FleetOptions with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new FleetOptions(
        d.staleTimeout,
        d.acceptTimeout,
        d.defaultJobTimeout,
        d.queueTimeout,
        d.dedupWindow,
        d.defaultStrategy,
        d.requeueLostJobs,
        d.authToken,
        d.tokenRequired,
        d.rejectCooldown,
        d.heartbeatInterval,
        d.logBatchSize,
        d.dispatchWindow,
        d.checkInterval,
        d.reconnectGrace);
  }

  /** The fields of an options value, to change before {@link #with} makes the copy. */
  private static final class Draft {
    Duration staleTimeout;
    Duration acceptTimeout;
    Duration defaultJobTimeout;
    Duration queueTimeout;
    Duration dedupWindow;
    String defaultStrategy;
    boolean requeueLostJobs;
    String authToken;
    boolean tokenRequired;
    Duration rejectCooldown;
    Duration heartbeatInterval;
    int logBatchSize;
    int dispatchWindow;
    Duration checkInterval;
    Duration reconnectGrace;

    Draft(FleetOptions o) {
      staleTimeout = o.staleTimeout;
      acceptTimeout = o.acceptTimeout;
      defaultJobTimeout = o.defaultJobTimeout;
      queueTimeout = o.queueTimeout;
      dedupWindow = o.dedupWindow;
      defaultStrategy = o.defaultStrategy;
      requeueLostJobs = o.requeueLostJobs;
      authToken = o.authToken;
      tokenRequired = o.tokenRequired;
      rejectCooldown = o.rejectCooldown;
      heartbeatInterval = o.heartbeatInterval;
      logBatchSize = o.logBatchSize;
      dispatchWindow = o.dispatchWindow;
      checkInterval = o.checkInterval;
      reconnectGrace = o.reconnectGrace;
    }
  }
}
