package dev.baton.worker.sdk.robot;

import dev.baton.worker.sdk.internal.TaskSpans;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A robot connected to Baton over CasareRPA's protocol: it registers, heartbeats, accepts (or
 * rejects) assigned jobs, runs them on virtual threads with its {@link RobotHandler}, and reports
 * progress, logs and the outcome. Thread-safe.
 *
 * <pre>{@code
 * try (RobotClient robot = RobotClient.builder(URI.create("ws://localhost:8080/robots/ws"), "r1")
 *         .maxConcurrentJobs(2).tags("finance")
 *         .handler((job, ctx) -> Map.of("rows", 42))
 *         .connect()) {
 *   ...
 * }
 * }</pre>
 *
 * If the connection drops ({@link #connected} turns false), the robot does not reconnect by itself:
 * the orchestrator keeps its running jobs leased to it for a grace (then re-queues them), {@link
 * #reconnect} takes them to a new connection (to the same node or another) within it, and {@link
 * #connect} on a new client starts afresh. Each connection has its own heartbeat thread, so a
 * reconnected robot heartbeats by itself whether or not its old connection was still open.
 */
public final class RobotClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RobotClient.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Builder config;
  private final HttpClient http = HttpClient.newHttpClient();
  private final RobotWire wire;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /**
   * The latest messages received, at most {@link Builder#keepMessages}: a long-running robot (or a
   * benchmark of thousands of jobs) would otherwise keep every message, and copying a growing list
   * on each one cost more CPU than the jobs. Guarded by itself.
   */
  private final ArrayDeque<Map<String, Object>> received = new ArrayDeque<>();

  /** The current connection's end: it closed or failed, or a reconnect replaced it. */
  private volatile CompletableFuture<Void> connectionEnd = CompletableFuture.completedFuture(null);

  /** The client's end ({@link #kill} or {@link #close}): no connection after it. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** The current connection's heartbeat thread; it ends with its connection. */
  private volatile @Nullable Thread heartbeat;

  private record Running(Thread thread, JobRun run) {}

  private RobotClient(Builder config) {
    this.config = config;
    this.wire = new RobotWire(config.robotId);
  }

  public static Builder builder(URI uri, String robotId) {
    return new Builder(uri, robotId);
  }

  public String id() {
    return config.robotId;
  }

  private RobotClient open(URI uri) {
    CompletableFuture<Map<String, Object>> ack = new CompletableFuture<>();
    CompletableFuture<Void> end = new CompletableFuture<>();
    WebSocket ws =
        http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new Listener(ack, end))
            .join();
    connectionEnd = end;
    wire.attach(ws);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("robot_id", config.robotId);
    p.put("robot_name", config.name);
    p.put("environment", config.environment);
    p.put("max_concurrent_jobs", config.maxConcurrentJobs);
    p.put("tags", config.tags);
    p.put("capabilities", config.capabilities);
    if (config.authToken != null) {
      p.put("auth_token", config.authToken);
    }
    p.put("active_job_ids", List.copyOf(running.keySet()));
    send("register", p, null);
    Map<String, Object> answer;
    try {
      answer = ack.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dropConnection();
      throw new IllegalStateException("interrupted while registering", e);
    } catch (ExecutionException | TimeoutException e) {
      dropConnection();
      throw new IllegalStateException("robot " + config.robotId + " could not register", e);
    }
    if (!Boolean.TRUE.equals(answer.get("success"))) {
      dropConnection();
      throw new IllegalStateException("registration refused: " + answer.get("message"));
    }
    if (!config.heartbeatInterval.isZero()) {
      heartbeat =
          Thread.ofVirtual().name("robot-heartbeat-" + config.robotId).start(() -> beat(end));
    }
    return this;
  }

  /** Heartbeats until its connection ends (a reconnect starts the next connection's). */
  private void beat(CompletableFuture<Void> end) {
    while (!end.isDone() && !closed.isDone()) {
      try {
        Thread.sleep(config.heartbeatInterval);
      } catch (InterruptedException e) {
        return;
      }
      if (!end.isDone()) {
        heartbeatNow();
      }
    }
  }

  /**
   * Whether a registered connection is open: false once it closed or failed (its node stopped or
   * died), until a {@link #reconnect} succeeds.
   */
  public boolean connected() {
    return !connectionEnd.isDone() && !closed.isDone();
  }

  /** Sends one heartbeat now, with the jobs it runs. */
  public void heartbeatNow() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("robot_id", config.robotId);
    p.put("status", running.size() >= config.maxConcurrentJobs ? "busy" : "online");
    p.put("current_jobs", running.size());
    p.put("cpu_percent", 10.0);
    p.put("memory_percent", 20.0);
    p.put("disk_percent", 30.0);
    p.put("active_job_ids", List.copyOf(running.keySet()));
    send("heartbeat", p, null);
  }

  /**
   * The messages received, oldest first (for tests and diagnostics): every one, or the latest
   * {@link Builder#keepMessages} when more came.
   */
  public List<Map<String, Object>> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Ids of the jobs assigned to this robot, in order. */
  public List<String> assignedJobs() {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : received()) {
      if ("job_assign".equals(m.get("type")) && m.get("payload") instanceof Map<?, ?> p) {
        out.add(String.valueOf(p.get("job_id")));
      }
    }
    return out;
  }

  /** Ids of the jobs this robot runs now. */
  public Set<String> runningJobs() {
    return Set.copyOf(running.keySet());
  }

  /** Sends any message (for tests of the protocol). */
  public void send(String type, Map<String, ?> payload, @Nullable String correlationId) {
    wire.send(type, payload, correlationId);
  }

  /** Sends raw text (for tests of the protocol). */
  public void sendText(String text) {
    wire.sendText(text);
  }

  /** A message on a connection whose registration {@code ack} completes. */
  private void onMessage(String text, CompletableFuture<Map<String, Object>> ack) {
    Map<String, Object> m;
    try {
      m = JSON.readValue(text, MAP);
    } catch (RuntimeException e) {
      log.warn("robot {} got unreadable text: {}", config.robotId, text);
      return;
    }
    synchronized (received) {
      while (!received.isEmpty() && received.size() >= config.keepMessages) {
        received.removeFirst();
      }
      if (config.keepMessages > 0) {
        received.addLast(m);
      }
    }
    Map<String, Object> p = m.get("payload") instanceof Map<?, ?> raw ? stringKeys(raw) : Map.of();
    switch (String.valueOf(m.get("type"))) {
      case "register_ack" -> ack.complete(p);
      case "job_assign" -> assigned(p, m.get("id") instanceof String id ? id : null);
      case "job_cancel" -> cancel(String.valueOf(p.get("job_id")));
      case "status_request" -> {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("robot_id", config.robotId);
        status.put("status", "online");
        status.put("current_jobs", running.size());
        status.put("active_job_ids", List.copyOf(running.keySet()));
        send("status_response", status, m.get("id") instanceof String id ? id : null);
      }
      default -> {}
    }
  }

  private void assigned(Map<String, Object> p, @Nullable String messageId) {
    RobotJob job =
        new RobotJob(
            String.valueOf(p.get("job_id")),
            String.valueOf(p.get("workflow_id")),
            p.get("workflow_name") instanceof String n ? n : null,
            p.get("workflow_json") instanceof String j ? j : null,
            p.get("priority") instanceof Number n ? n.intValue() : 1,
            p.get("timeout_seconds") instanceof Number n ? n.intValue() : 3600,
            p.get("parameters") instanceof Map<?, ?> raw ? stringKeys(raw) : Map.of());
    String refusal = config.acceptance.apply(job);
    if (refusal == RobotClient.SILENT) {
      return; // the test robot that never answers
    }
    if (refusal != null) {
      send(
          "job_reject",
          Map.of("job_id", job.jobId(), "robot_id", config.robotId, "reason", refusal),
          messageId);
      return;
    }
    send("job_accept", Map.of("job_id", job.jobId(), "robot_id", config.robotId), messageId);
    JobRun run =
        new JobRun(
            job,
            config.robotId,
            config.handler,
            wire,
            new TaskSpans(config.openTelemetry),
            p.get("traceparent") instanceof String tp ? tp : null);
    Thread t =
        Thread.ofVirtual()
            .unstarted(() -> {
              try {
                run.run();
              } finally {
                running.remove(job.jobId());
              }
            });
    running.put(job.jobId(), new Running(t, run));
    t.start();
  }

  /** An acceptance answer meaning: do not answer at all. */
  public static final String SILENT = new String("(silent)");

  private void cancel(String jobId) {
    Running r = running.remove(jobId);
    if (r != null) {
      r.run().cancel();
      r.thread().interrupt();
    }
    send("job_cancelled", Map.of("job_id", jobId, "robot_id", config.robotId), null);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /**
   * Drops the connection without a goodbye, as a cut network would, and connects to {@code uri}
   * (the same node or another sharing its store) keeping the jobs it runs: its register and a
   * heartbeat right after name them, so the node adopts them and their results count. What a job
   * sends while no connection is open is lost, as on a cut network. One that fails (the node is
   * down, or refuses the registration) throws and leaves the robot unconnected with its jobs still
   * running: call it again, on another node.
   */
  public RobotClient reconnect(URI uri) {
    if (closed.isDone()) {
      throw new IllegalStateException("robot " + config.robotId + " was killed or closed");
    }
    dropConnection();
    open(uri);
    heartbeatNow();
    return this;
  }

  /** Ends the current connection (its heartbeats too) without a goodbye; the client goes on. */
  private void dropConnection() {
    connectionEnd.complete(null);
    Thread hb = heartbeat;
    if (hb != null) {
      hb.interrupt();
    }
    WebSocket old = wire.socket();
    wire.detach(); // the old socket's close is then not this client's
    if (old != null) {
      old.abort();
    }
  }

  /** Drops the connection without a goodbye, as a crashed robot would. */
  public void kill() {
    abort();
  }

  private void abort() {
    closed.complete(null);
    running.values().forEach(r -> r.thread().interrupt());
    dropConnection();
  }

  /** Says {@code disconnect} and closes. */
  @Override
  public void close() {
    if (closed.isDone()) {
      return;
    }
    send("disconnect", Map.of("robot_id", config.robotId, "reason", "closing"), null);
    WebSocket ws = wire.socket();
    if (ws != null) {
      try {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.debug("robot {} close: {}", config.robotId, e.toString());
      }
    }
    abort();
  }

  /** One connection's listener: its end ends that connection's registration and heartbeats. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Map<String, Object>> ack;
    private final CompletableFuture<Void> end;

    Listener(CompletableFuture<Map<String, Object>> ack, CompletableFuture<Void> end) {
      this.ack = ack;
      this.end = end;
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage(text, ack);
      }
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      ack.completeExceptionally(new IllegalStateException("closed: " + status + " " + reason));
      end.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      ack.completeExceptionally(error);
      end.complete(null);
    }
  }

  /** How a robot presents itself and works. */
  public static final class Builder {
    private final URI uri;
    private final String robotId;
    private String name;
    private String environment = "default";
    private int maxConcurrentJobs = 1;
    private List<String> tags = List.of();
    private Map<String, Object> capabilities = new LinkedHashMap<>();
    private @Nullable String authToken;
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private RobotHandler handler = (job, ctx) -> Map.of();
    private OpenTelemetry openTelemetry = GlobalOpenTelemetry.get();
    private Function<RobotJob, @Nullable String> acceptance = job -> null;
    private int keepMessages = 10_000;

    private Builder(URI uri, String robotId) {
      this.uri = uri;
      this.robotId = robotId;
      this.name = robotId;
    }

    public Builder name(String n) {
      name = n;
      return this;
    }

    public Builder environment(String e) {
      environment = e;
      return this;
    }

    public Builder maxConcurrentJobs(int n) {
      maxConcurrentJobs = n;
      return this;
    }

    public Builder tags(String... t) {
      tags = List.of(t);
      return this;
    }

    public Builder capability(String name, Object value) {
      capabilities.put(name, value);
      return this;
    }

    public Builder authToken(String t) {
      authToken = t;
      return this;
    }

    /** Zero: no automatic heartbeats (call {@link RobotClient#heartbeatNow}). */
    public Builder heartbeatInterval(Duration d) {
      heartbeatInterval = d;
      return this;
    }

    /**
     * Where the spans of the handler go (default: the global OpenTelemetry, a no-op unless the
     * application installed an SDK): each job runs inside a span continuing the {@code traceparent}
     * of its {@code job_assign}, and {@code job_complete}/{@code job_failed} carry that span's
     * back.
     */
    public Builder openTelemetry(OpenTelemetry o) {
      openTelemetry = o;
      return this;
    }

    public Builder handler(RobotHandler h) {
      handler = h;
      return this;
    }

    /**
     * Decides on each assigned job: null accepts, a reason rejects, {@link RobotClient#SILENT} does
     * not answer.
     */
    public Builder acceptance(Function<RobotJob, @Nullable String> a) {
      acceptance = a;
      return this;
    }

    /**
     * How many of the latest received messages {@link RobotClient#received} keeps (10,000; older
     * ones are dropped). Zero keeps none.
     */
    public Builder keepMessages(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("keepMessages must not be negative, was " + n);
      }
      keepMessages = n;
      return this;
    }

    /** Connects and registers; returns once the orchestrator acknowledged. */
    public RobotClient connect() {
      return new RobotClient(this).open(uri);
    }
  }
}
