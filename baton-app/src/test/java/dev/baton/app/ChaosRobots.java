package dev.baton.app;

import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The chaos suite's robots: one CasareRPA robot (the SDK's {@link RobotClient}) connected to each
 * node, heartbeating every 300 ms. {@link #moveFrom} is what a robot's supervisor does when its
 * node dies: it reconnects the node's robots to the next node, naming the jobs they still run, so
 * that node adopts them; a result a robot sent into the dead node is lost, and the job goes out
 * again once the robot's heartbeats on its new node leave it out.
 */
final class ChaosRobots implements AutoCloseable {
  private final int[] ports;
  private final List<RobotClient> robots = new ArrayList<>();
  private final int[] nodeOf;

  /** Jobs the robots' handlers ran, counting a run whose result was lost with its node. */
  final AtomicLong runs = new AtomicLong();

  final AtomicInteger moved = new AtomicInteger();

  ChaosRobots(int[] ports) {
    this.ports = ports;
    this.nodeOf = new int[ports.length];
    for (int i = 0; i < ports.length; i++) {
      String id = "chaos-robot-" + i;
      robots.add(
          RobotClient.builder(uri(i), id)
              .heartbeatInterval(Duration.ofMillis(300))
              .maxConcurrentJobs(4)
              .keepMessages(0)
              .handler((job, ctx) -> {
                runs.incrementAndGet();
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a short workflow
                return Map.of("by", id);
              })
              .connect());
      nodeOf[i] = i;
    }
  }

  /** Reconnects the robots of {@code node} (just killed or stopped) to the next node. */
  void moveFrom(int node) {
    for (int i = 0; i < robots.size(); i++) {
      if (nodeOf[i] == node) {
        nodeOf[i] = (node + 1) % ports.length;
        robots.get(i).reconnect(uri(nodeOf[i]));
        moved.incrementAndGet();
      }
    }
  }

  private URI uri(int node) {
    return URI.create("ws://127.0.0.1:" + ports[node] + "/robots/ws");
  }

  @Override
  public void close() {
    robots.forEach(RobotClient::kill);
  }
}
