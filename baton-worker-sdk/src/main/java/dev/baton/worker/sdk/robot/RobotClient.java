package dev.baton.worker.sdk.robot;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * If the connection drops ({@link #connected} turns false), the orchestrator keeps the robot's
 * running jobs leased to it for a grace (then re-queues them). With {@link Builder#reconnect} the
 * robot reconnects by itself, to the next node of its list, within that grace when a node is up;
 * without it, {@link #reconnect} takes them to a new connection (to the same node or another), and
 * {@link Builder#connect} on a new client starts afresh. Each connection has its own heartbeat
 * thread, so a reconnected robot heartbeats by itself whether or not its old connection was still
 * open. A job offered again while the robot runs it is accepted again, not run twice.
 */
public final class RobotClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RobotClient.class);
  private static final Executor INBOX = r -> Thread.ofVirtual().name("robot-inbox").start(r);

  private final Builder config;
  private final HttpClient http = HttpClient.newHttpClient();
  private final RobotWire wire;
  private final Assignments assignments;

  /** The current connection's end: it closed or failed, or a reconnect replaced it. */
  private volatile CompletableFuture<Void> connectionEnd = CompletableFuture.completedFuture(null);

  /** The client's end ({@link #kill} or {@link #close}): no connection after it. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** The current connection's heartbeat thread; it ends with its connection. */
  private volatile @Nullable Thread heartbeat;

  /** The node of the current connection, or of the last one. */
  private volatile URI node;

  /** Held while a connection is made, so that {@link #reconnect} and the loop never both dial. */
  private final Object dialing = new Object();

  /** What one try of the reconnect loop came to. */
  enum Dial {
    CONNECTED,
    ALREADY,
    FAILED,
    CLOSED
  }

  private RobotClient(Builder config) {
    this.config = config;
    this.wire = new RobotWire(config.robotId);
    this.assignments =
        new Assignments(
            config.robotId,
            config.keepMessages,
            config.acceptance,
            config.handler,
            config.openTelemetry,
            wire);
    this.node = config.uri;
  }

  public static Builder builder(URI uri, String robotId) {
    return new Builder(uri, robotId);
  }

  public String id() {
    return config.robotId;
  }

  /** The node it is connected to, or was last (while its connection is down). */
  public URI node() {
    return node;
  }

  private RobotClient open(URI uri) {
    CompletableFuture<Map<String, Object>> ack = new CompletableFuture<>();
    CompletableFuture<Void> end = new CompletableFuture<>();
    WebSocket ws = dial(uri, new Listener(ack, end));
    connectionEnd = end;
    node = uri;
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
    p.put("active_job_ids", List.copyOf(assignments.runningJobs()));
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

  /**
   * Opens the WebSocket. The JDK fails it after the connect timeout, which bounds the TCP connect
   * and the opening handshake together ({@code HttpTimeoutException}).
   */
  private WebSocket dial(URI uri, Listener listener) {
    try {
      return http.newWebSocketBuilder()
          .connectTimeout(config.connectTimeout)
          .buildAsync(uri, listener)
          .join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "robot " + config.robotId + " could not connect to " + uri + ": " + e.getCause(),
          e.getCause());
    }
  }

  /** Heartbeats until its connection ends (a reconnect starts the next connection's). */
  private void beat(CompletableFuture<Void> end) {
    while (!end.isDone() && !closed.isDone()) {
      try {
        Thread.sleep(config.heartbeatInterval);
      } catch (InterruptedException e) {
        return;
      }
      if (!end.isDone() && !beatOnce()) {
        // A heartbeat that cannot be written means the connection is gone, whether or not its
        // close was seen: ending it here lets the reconnect loop (or the caller) move on.
        end.complete(null);
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
    beatOnce();
  }

  /** Sends one heartbeat; false when it could not be written. */
  private boolean beatOnce() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("robot_id", config.robotId);
    Set<String> running = assignments.runningJobs();
    p.put("status", running.size() >= config.maxConcurrentJobs ? "busy" : "online");
    p.put("current_jobs", running.size());
    p.put("cpu_percent", 10.0);
    p.put("memory_percent", 20.0);
    p.put("disk_percent", 30.0);
    p.put("active_job_ids", List.copyOf(running));
    return wire.send("heartbeat", p, null);
  }

  /**
   * The messages received, oldest first (for tests and diagnostics): every one, or the latest
   * {@link Builder#keepMessages} when more came.
   */
  public List<Map<String, Object>> received() {
    return assignments.received();
  }

  /** Ids of the jobs assigned to this robot, in order. */
  public List<String> assignedJobs() {
    return assignments.assignedJobs();
  }

  /** Ids of the jobs this robot runs now. */
  public Set<String> runningJobs() {
    return assignments.runningJobs();
  }

  /** Sends any message (for tests of the protocol). */
  public void send(String type, Map<String, ?> payload, @Nullable String correlationId) {
    wire.send(type, payload, correlationId);
  }

  /** Sends raw text (for tests of the protocol). */
  public void sendText(String text) {
    wire.sendText(text);
  }

  /** An acceptance answer meaning: do not answer at all. */
  public static final String SILENT = new String("(silent)");

  /**
   * Drops the connection without a goodbye, as a cut network would, and connects to {@code uri}
   * (the same node or another sharing its store) keeping the jobs it runs: its register and a
   * heartbeat right after name them, so the node adopts them and their results count. What a job
   * sends while no connection is open is lost, as on a cut network. One that fails (the node is
   * down, or refuses the registration) throws and leaves the robot unconnected with its jobs still
   * running: call it again, on another node.
   */
  public RobotClient reconnect(URI uri) {
    synchronized (dialing) {
      if (closed.isDone()) {
        throw new IllegalStateException("robot " + config.robotId + " was killed or closed");
      }
      dropConnection();
      open(uri);
      heartbeatNow();
      return this;
    }
  }

  /** One try of the reconnect loop: to {@code uri}, unless connected meanwhile or closed. */
  Dial redial(URI uri) {
    synchronized (dialing) {
      if (closed.isDone()) {
        return Dial.CLOSED;
      }
      if (connected()) {
        return Dial.ALREADY;
      }
      try {
        reconnect(uri);
        return Dial.CONNECTED;
      } catch (RuntimeException e) {
        log.debug("robot {} could not reconnect to {}: {}", config.robotId, uri, e.toString());
        return Dial.FAILED;
      }
    }
  }

  /** Waits until the current connection ends; false once the client is closed instead. */
  boolean awaitConnectionEnd() {
    CompletableFuture.anyOf(connectionEnd, closed).join();
    return !closed.isDone();
  }

  /** Waits {@code d} unless the client is closed first; false when it was. */
  boolean pauseUnlessClosed(Duration d) {
    try {
      closed.get(d.toNanos(), TimeUnit.NANOSECONDS);
      return false;
    } catch (TimeoutException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
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
    assignments.interruptAll();
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

  /**
   * One connection's listener: its end ends that connection's registration and heartbeats. It hands
   * each message to the connection's inbox and returns at once: the JDK's WebSocket loses the end
   * of a connection (its onClose 1006) when the socket's EOF is read before the listener asked for
   * the next message (its transport drops an EOF read with no demand; seen on JDK 17 and 25), and
   * handling a message sends an answer and waits for it to be written, so a node that died right
   * after an offer left the robot believing it was connected. The window is now short, not gone: a
   * heartbeat that cannot be written ends the connection.
   */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Map<String, Object>> ack;
    private final CompletableFuture<Void> end;

    /** The last message handed to the inbox: each one runs after the one before, in order. */
    private CompletableFuture<Void> inbox = CompletableFuture.completedFuture(null);

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
        inbox = inbox.thenRunAsync(() -> handle(text), INBOX);
      }
      ws.request(1);
      return null;
    }

    private void handle(String text) {
      try {
        assignments.onMessage(text, ack);
      } catch (RuntimeException e) {
        log.warn("robot {} could not handle a message: {}", config.robotId, text, e);
      }
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
    private Duration connectTimeout = Duration.ofSeconds(10);
    private RobotHandler handler = (job, ctx) -> Map.of();
    private OpenTelemetry openTelemetry = GlobalOpenTelemetry.get();
    private Function<RobotJob, @Nullable String> acceptance = job -> null;
    private int keepMessages = 10_000;
    private List<URI> reconnectNodes = List.of();
    private Duration reconnectFirst = Duration.ofMillis(100);
    private Duration reconnectMax = Duration.ofSeconds(10);
    private Consumer<Reconnected> onReconnect = r -> {};

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

    /**
     * How long a connection may take, the TCP connect and the WebSocket handshake together (10 s);
     * the registration's answer has its own 10 s.
     */
    public Builder connectTimeout(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("connect timeout must be positive, was " + d);
      }
      connectTimeout = d;
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

    /**
     * Reconnects by itself whenever the connection ends (the client is closed or killed: never), to
     * these nodes (of one cluster, sharing a store): the next after the one it was connected to,
     * then the one after, and that one last, then round again. It registers naming the jobs it
     * runs, and the node it reached keeps them its own. Empty (the default): no reconnects.
     */
    public Builder reconnect(List<URI> nodes) {
      reconnectNodes = List.copyOf(nodes);
      return this;
    }

    /**
     * The pause after a failed reconnect: {@code first} (100 ms), doubled after each failure up to
     * {@code max} (10 s), each pause a random part of it between half and all.
     */
    public Builder reconnectBackoff(Duration first, Duration max) {
      if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException(
            "reconnect backoff needs 0 < first <= max, was " + first + " and " + max);
      }
      reconnectFirst = first;
      reconnectMax = max;
      return this;
    }

    /** Told of each reconnect the robot's own loop made (on that loop's thread). */
    public Builder onReconnect(Consumer<Reconnected> listener) {
      onReconnect = listener;
      return this;
    }

    /**
     * Connects and registers; returns once the orchestrator acknowledged. A first connection that
     * fails throws, with or without {@link #reconnect}.
     */
    public RobotClient connect() {
      RobotClient robot = new RobotClient(this).open(uri);
      if (!reconnectNodes.isEmpty()) {
        Thread.ofVirtual()
            .name("robot-reconnect-" + robotId)
            .start(
                new ReconnectLoop(
                    robot, reconnectNodes, reconnectFirst, reconnectMax, onReconnect));
      }
      return robot;
    }
  }
}
