package dev.baton.app;

import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The chaos suite's robots: one CasareRPA robot (the SDK's {@link RobotClient}) connected to each
 * node at first, heartbeating every 300 ms, each with the client's own reconnect loop over the
 * three nodes: a robot whose connection ends (its node was killed or stopped) registers with the
 * next node that takes it, naming the jobs it still runs, so that node adopts them. A result a
 * robot sent into a dead node is lost, and the job goes out again once the robot's heartbeats on
 * its new node leave it out.
 *
 * <p>A robot job with the parameter {@code keep} runs until {@link #release} of that value: the
 * suite pins one to a robot, breaks the robot's node (or the database) under it, and checks the
 * robot kept it.
 */
final class ChaosRobots implements AutoCloseable {
  private final int[] ports;
  private final List<RobotClient> robots = new ArrayList<>();
  private final Map<String, CountDownLatch> keeps = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runsOf = new ConcurrentHashMap<>();

  /** Jobs the robots' handlers ran, counting a run whose result was lost with its node. */
  final AtomicLong runs = new AtomicLong();

  /** Reconnects to another node. */
  final AtomicInteger moved = new AtomicInteger();

  /** Running jobs that robots named when they reconnected, to be adopted by their new node. */
  final AtomicInteger carried = new AtomicInteger();

  ChaosRobots(int[] ports) {
    this.ports = ports;
    List<URI> nodes = new ArrayList<>();
    for (int i = 0; i < ports.length; i++) {
      nodes.add(uri(i));
    }
    for (int i = 0; i < ports.length; i++) {
      String id = id(i);
      robots.add(
          RobotClient.builder(uri(i), id)
              .heartbeatInterval(Duration.ofMillis(300))
              .maxConcurrentJobs(4)
              .keepMessages(0)
              .reconnect(nodes)
              .reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
              .onReconnect(r -> {
                carried.addAndGet(r.carried().size());
                moved.addAndGet(r.moved() ? 1 : 0);
              })
              .handler((job, ctx) -> {
                runs.incrementAndGet();
                runsOf.computeIfAbsent(job.jobId(), k -> new AtomicInteger()).incrementAndGet();
                if (job.parameters().get("keep") instanceof String keep) {
                  latch(keep).await(2, TimeUnit.MINUTES);
                } else {
                  LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a short workflow
                }
                return Map.of("by", id);
              })
              .connect());
    }
  }

  static String id(int robot) {
    return "chaos-robot-" + robot;
  }

  /** A robot connected to {@code node} now. */
  String robotOn(int node) {
    for (int i = 0; i < robots.size(); i++) {
      if (robots.get(i).node().equals(uri(node)) && robots.get(i).connected()) {
        return id(i);
      }
    }
    throw new AssertionError("no robot is connected to node " + node);
  }

  /** Waits until the robot runs the job. */
  void awaitRunning(String robotId, String jobId) {
    RobotClient r = robot(robotId);
    await().atMost(Duration.ofSeconds(30)).until(() -> r.runningJobs().contains(jobId));
  }

  /** Whether the robot is connected and runs the job. */
  boolean runs(String robotId, String jobId) {
    RobotClient r = robot(robotId);
    return r.connected() && r.runningJobs().contains(jobId);
  }

  /** The node the robot is connected to (or was, while it moves). */
  int nodeOf(String robotId) {
    URI node = robot(robotId).node();
    for (int i = 0; i < ports.length; i++) {
      if (uri(i).equals(node)) {
        return i;
      }
    }
    throw new AssertionError("robot " + robotId + " is on no node of the cluster: " + node);
  }

  private RobotClient robot(String robotId) {
    return robots.stream()
        .filter(r -> r.id().equals(robotId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no robot " + robotId));
  }

  /** Lets the jobs with {@code keep} finish. */
  void release(String keep) {
    latch(keep).countDown();
  }

  /** How many times the robots' handlers ran the job. */
  int runsOf(String jobId) {
    AtomicInteger n = runsOf.get(jobId);
    return n == null ? 0 : n.get();
  }

  /** Whether every robot is connected (to some node). */
  boolean allConnected() {
    return robots.stream().allMatch(RobotClient::connected);
  }

  private CountDownLatch latch(String keep) {
    return keeps.computeIfAbsent(keep, k -> new CountDownLatch(1));
  }

  private URI uri(int node) {
    return URI.create("ws://127.0.0.1:" + ports[node] + "/robots/ws");
  }

  @Override
  public void close() {
    keeps.values().forEach(CountDownLatch::countDown);
    robots.forEach(RobotClient::kill);
  }
}
