package dev.baton.fleet;

import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The robot fleet's gauges, read from the fleet (one read serves a scrape; it is read again when
 * older than {@link #REUSE}): robots by status, connected robots, busy and total job slots, and
 * each robot's utilization (running jobs over its slots; robot ids are bounded by the fleet, at
 * most {@link #MAX_ROBOT_SERIES} series).
 */
public final class FleetMeters {
  static final Duration REUSE = Duration.ofSeconds(1);
  static final int MAX_ROBOT_SERIES = 1_000;

  private final Fleet fleet;
  private final MultiGauge utilization;
  private volatile long readAt;
  private volatile List<Robot> robots;

  private FleetMeters(Fleet fleet, MeterRegistry registry) {
    this.fleet = fleet;
    this.robots = fleet.robots();
    this.readAt = System.nanoTime();
    for (RobotStatus s : RobotStatus.values()) {
      gauge("baton.robots", "Robots the store knows, by status.", r -> count(r, s))
          .tag("status", s.wireName())
          .register(registry);
    }
    gauge(
            "baton.robots.connected",
            "Robots connected to this node.",
            r -> r.stream().filter(x -> fleet.isConnected(x.id())).count())
        .register(registry);
    gauge(
            "baton.robots.slots.busy",
            "Robot job slots in use, over every robot.",
            r -> r.stream().mapToLong(Robot::currentJobs).sum())
        .register(registry);
    gauge(
            "baton.robots.slots",
            "Robot job slots, over every robot that is not offline.",
            r ->
                r.stream()
                    .filter(x -> x.status() != RobotStatus.OFFLINE)
                    .mapToLong(Robot::maxConcurrentJobs)
                    .sum())
        .register(registry);
    utilization =
        MultiGauge.builder("baton.robot.utilization")
            .description("A robot's running jobs over its job slots (0..1), by robot.")
            .register(registry);
  }

  /** Registers the fleet's gauges on {@code registry}; returns what refreshes them. */
  public static Runnable bind(Fleet fleet, MeterRegistry registry) {
    FleetMeters m = new FleetMeters(fleet, registry);
    return m::refresh;
  }

  /** Reads the fleet again and resets the per-robot series to the robots it knows now. */
  void refresh() {
    List<Robot> now = fleet.robots();
    robots = now;
    readAt = System.nanoTime();
    utilization.register(
        now.stream()
            .limit(MAX_ROBOT_SERIES)
            .map(r ->
                MultiGauge.Row.of(
                    Tags.of("robot", r.id()), (double) r.currentJobs() / r.maxConcurrentJobs()))
            .toList(),
        true);
  }

  private List<Robot> robots() {
    if (System.nanoTime() - readAt > REUSE.toNanos()) {
      refresh();
    }
    return robots;
  }

  private Gauge.Builder<?> gauge(String name, String help, ToDoubleFunction<List<Robot>> value) {
    return Gauge.builder(name, () -> value.applyAsDouble(robots())).description(help);
  }

  private static long count(List<Robot> robots, RobotStatus s) {
    return robots.stream().filter(r -> r.status() == s).count();
  }
}
