package dev.baton.robot;

import dev.baton.job.Maps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A robot in the registry, as CasareRPA models it. {@code drained} is the operator's maintenance
 * switch: it survives reconnects and restarts, and a drained robot reports {@link
 * RobotStatus#MAINTENANCE} whatever it says itself.
 *
 * @param capabilities what the robot announced ({@code task_types} lists the task types it takes;
 *     default {@code rpa})
 * @param metrics the last heartbeat's numbers ({@code cpu_percent}, {@code memory_percent}, ...)
 */
public record Robot(
    String id,
    String name,
    String environment,
    RobotStatus status,
    int maxConcurrentJobs,
    int currentJobs,
    Map<String, Object> capabilities,
    List<String> tags,
    @Nullable Instant lastHeartbeat,
    Map<String, Object> metrics,
    boolean drained,
    Instant registeredAt) {

  public Robot {
    capabilities = Maps.copy(capabilities);
    tags = List.copyOf(tags);
    metrics = Maps.copy(metrics);
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException(
          "max_concurrent_jobs must be at least 1, was " + maxConcurrentJobs);
    }
  }

  /** Share of capacity in use, 0 to 1 (more when a robot holds more than it announced). */
  public double load() {
    return (double) currentJobs / maxConcurrentJobs;
  }

  /** CasareRPA's {@code is_available}: online and below its maximum. */
  public boolean isAvailable() {
    return (status == RobotStatus.ONLINE || status == RobotStatus.BUSY)
        && !drained
        && currentJobs < maxConcurrentJobs;
  }

  public Robot withStatus(RobotStatus s) {
    return new Robot(
        id,
        name,
        environment,
        s,
        maxConcurrentJobs,
        currentJobs,
        capabilities,
        tags,
        lastHeartbeat,
        metrics,
        drained,
        registeredAt);
  }

  public Robot withCurrentJobs(int n) {
    return new Robot(
        id,
        name,
        environment,
        status,
        maxConcurrentJobs,
        n,
        capabilities,
        tags,
        lastHeartbeat,
        metrics,
        drained,
        registeredAt);
  }

  public Robot withDrained(boolean d) {
    return new Robot(
        id,
        name,
        environment,
        status,
        maxConcurrentJobs,
        currentJobs,
        capabilities,
        tags,
        lastHeartbeat,
        metrics,
        d,
        registeredAt);
  }

  public Robot heard(Instant at, Map<String, Object> newMetrics) {
    return new Robot(
        id,
        name,
        environment,
        status,
        maxConcurrentJobs,
        currentJobs,
        capabilities,
        tags,
        at,
        newMetrics,
        drained,
        registeredAt);
  }
}
