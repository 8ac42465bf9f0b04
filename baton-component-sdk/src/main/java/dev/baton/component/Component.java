package dev.baton.component;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A managed service: the avena FSM, {@code POST /event} and the asynchronous replies. A subclass
 * overrides the hooks it needs ({@link #onInitializing}, {@link #onStarting}, ..., {@link
 * #onEvent}); a hook that throws sends the component to {@code FAULT} with the exception's message,
 * as upstream's ON_ERROR does.
 *
 * <pre>{@code
 * class Feeder extends Component {
 *   Feeder() { super("feeder"); }
 *   protected Event.Result onEvent(Event e) { return Event.Result.success(Map.of("fed", true)); }
 * }
 * new Feeder().start("127.0.0.1", 8001);
 * }</pre>
 *
 * <p>{@code POST /event} answers {@code 200 {"status":"ok"}} once the body is an event, then
 * handles it on its own thread, one event at a time in arrival order, and posts the reply to the
 * sender's {@code source_address:source_port} (none when the sender gave port 0).
 */
public abstract class Component implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Component.class);

  private final String name;
  private final ExecutorService inbox =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
  private final EventSender replies;
  private final List<Event> buffered = new ArrayList<>();
  private @Nullable HttpServer server;
  private volatile FsmState state = FsmState.STOPPED;
  private volatile @Nullable String errorMessage;

  protected Component(String name) {
    this(name, null);
  }

  /**
   * @param secret the shared secret Baton has for this component ({@code secret} in its config),
   *     sent with every reply; null: none, and Baton then takes its replies only from loopback
   */
  protected Component(String name, @Nullable String secret) {
    this.name = name;
    this.replies = new EventSender(Duration.ofSeconds(2), secret);
  }

  public String name() {
    return name;
  }

  public FsmState state() {
    return state;
  }

  public @Nullable String errorMessage() {
    return errorMessage;
  }

  /** Starts listening; port 0 picks a free one (see {@link #port()}). */
  public final synchronized Component start(String host, int port) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
      s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      s.createContext("/event", this::receive);
      s.start();
      server = s;
      log.info("component {} listening on {}:{}", name, host, s.getAddress().getPort());
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("component " + name + " cannot listen on " + port, e);
    }
  }

  public int port() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("component " + name + " is not started");
    }
    return s.getAddress().getPort();
  }

  /** Puts the component in a state without running hooks: for simulators and tests. */
  protected void force(FsmState s) {
    state = s;
    if (s != FsmState.FAULT) {
      errorMessage = null;
    }
  }

  /** Sends the component to FAULT with this message (ON_ERROR first, as upstream). */
  public void fault(String message) {
    errorMessage = message;
    state = FsmState.ON_ERROR;
    state = FsmState.FAULT;
    log.warn("component {} FAULT: {}", name, message);
  }

  // ---- hooks: override what the service needs; throwing one is a fault.

  protected void onInitializing() throws Exception {}

  protected void onStarting() throws Exception {}

  protected void onPausing() throws Exception {}

  protected void onResuming() throws Exception {}

  protected void onSoftStopping() throws Exception {}

  protected void onHardStopping() throws Exception {}

  protected void onStopping() throws Exception {}

  /** After {@code CMD_ACK} in FAULT, before the errors are cleared. */
  protected void onAck() throws Exception {}

  /** After a {@code CMD_RESTART} in STOPPED was accepted; upstream exits the process here. */
  protected void onRestart() {}

  /** A non-command event while in RUN; the result is sent back to the sender. */
  protected Event.Result onEvent(Event event) throws Exception {
    return Event.Result.success(Map.of());
  }

  /** A reply to an event this component sent. */
  protected void onReply(Event reply) {}

  /** The service's own state, sent as {@code data.state} in the CMD_GET_STATE reply. */
  protected Map<String, Object> serviceState() {
    return Map.of();
  }

  // ---- the protocol

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, "{\"error\":\"POST an avena event to /event\"}");
        return;
      }
      List<Event> events;
      try (InputStream in = exchange.getRequestBody()) {
        events = Event.parseAll(in.readAllBytes());
      } catch (Event.InvalidEvent e) {
        answer(exchange, 400, Event.JSON.writeValueAsString(Map.of("error", e.getMessage())));
        return;
      }
      // Queued before the answer: a sender's next event, sent once this one is answered, may come
      // in on another connection's thread, and must still be handled after this one.
      for (Event e : events) {
        inbox.execute(() -> handleSafely(e));
      }
      answer(exchange, 200, "{\"status\":\"ok\"}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void handleSafely(Event e) {
    try {
      handle(e);
    } catch (RuntimeException ex) {
      log.error("component {} failed on {}", name, e.eventType(), ex);
    }
  }

  /** Handles one event as the inbox thread; visible for subclasses that add their own commands. */
  protected void handle(Event e) {
    if (e.result() != null) {
      onReply(e);
      return;
    }
    var command = FsmCommand.parse(e.eventType());
    if (command.isPresent()) {
      command(command.get(), e);
      return;
    }
    Event.Result r =
        switch (state) {
          case RUN -> {
            try {
              yield onEvent(e);
            } catch (Exception ex) {
              fault(describe(ex));
              yield Event.Result.error(describe(ex));
            }
          }
          case INITIALIZED ->
              Event.Result.info(
                  Map.of("message", "System in initialization state", "fsm_state", "INITIALIZED"));
          case PAUSE -> {
            buffered.add(e);
            yield Event.Result.info(Map.of("message", "System paused, operation buffered"));
          }
          case FAULT -> Event.Result.error("System in fault state");
          case STOPPED ->
              Event.Result.error(
                  "Service stopped", Map.of("message", "Service stopped", "fsm_state", "STOPPED"));
          default -> Event.Result.info(Map.of("message", "busy", "fsm_state", state.name()));
        };
    reply(e, r);
  }

  private void command(FsmCommand c, Event e) {
    switch (c) {
      case CMD_GET_STATE -> reply(e, Event.Result.success(stateData()));
      case CMD_HEALTH_CHECK -> reply(e, Event.Result.success(health()));
      case CMD_RESTART -> {
        if (state == FsmState.STOPPED) {
          reply(
              e, Event.Result.success(Map.of("message", "Restart accepted, shutting down system")));
          onRestart();
        } else {
          reply(
              e,
              Event.Result.error(
                  "Cannot restart from state "
                      + state
                      + ". System must be in STOPPED state first."));
        }
      }
      default -> {
        transition(c);
        reply(e, Event.Result.success(stateData()));
      }
    }
  }

  /** The FSM table of upstream's EventListener; a command not valid in this state is ignored. */
  private void transition(FsmCommand c) {
    FsmState from = state;
    switch (c) {
      case CMD_INITIALIZED -> {
        if (from == FsmState.STOPPED) {
          step(FsmState.INITIALIZING, this::onInitializing, FsmState.INITIALIZED);
        } else if (from == FsmState.RUN) {
          step(FsmState.SOFT_STOPPING, this::onSoftStopping, FsmState.INITIALIZED);
        } else {
          ignored(c, from);
        }
      }
      // Upstream routes CMD_SOFT_STOP to a handler that does not exist; Baton does what the name
      // says: RUN -> SOFT_STOPPING -> INITIALIZED.
      case CMD_SOFT_STOP -> {
        if (from == FsmState.RUN) {
          step(FsmState.SOFT_STOPPING, this::onSoftStopping, FsmState.INITIALIZED);
        } else {
          ignored(c, from);
        }
      }
      case CMD_RUN -> {
        if (from == FsmState.INITIALIZED) {
          step(FsmState.STARTING, this::onStarting, FsmState.RUN);
        } else if (from == FsmState.PAUSE) {
          step(FsmState.RESUMING, this::onResuming, FsmState.RUN);
          replayBuffered();
        } else {
          ignored(c, from);
        }
      }
      case CMD_PAUSE -> {
        if (from == FsmState.RUN) {
          step(FsmState.PAUSING, this::onPausing, FsmState.PAUSE);
        } else {
          ignored(c, from);
        }
      }
      case CMD_HARD_STOP -> {
        if (from == FsmState.RUN || from == FsmState.PAUSE) {
          step(FsmState.HARD_STOPPING, this::onHardStopping, FsmState.STOPPED);
        } else {
          ignored(c, from);
        }
      }
      case CMD_STOPPED -> step(FsmState.STOPPING, this::onStopping, FsmState.STOPPED);
      case CMD_ACK -> {
        if (from == FsmState.FAULT) {
          step(FsmState.ACK, this::onAck, FsmState.STOPPED);
          if (state == FsmState.STOPPED) {
            errorMessage = null;
          }
        } else {
          ignored(c, from);
        }
      }
      default -> ignored(c, from);
    }
  }

  private void replayBuffered() {
    List<Event> again = new ArrayList<>(buffered);
    buffered.clear();
    again.forEach(this::handle);
  }

  private void ignored(FsmCommand c, FsmState from) {
    log.warn("component {}: {} is not valid in state {}; ignored", name, c, from);
  }

  /** Moves through a transient state, runs the hook, and lands (or faults). */
  private void step(FsmState via, Hook hook, FsmState to) {
    state = via;
    try {
      hook.run();
      if (state == via) {
        state = to;
      }
    } catch (Exception ex) {
      fault(describe(ex));
    }
  }

  @FunctionalInterface
  private interface Hook {
    void run() throws Exception;
  }

  private static String describe(Exception ex) {
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }

  /** What CMD_GET_STATE answers: fsm_state, error, error_code, error_message, state. */
  public Map<String, Object> stateData() {
    Map<String, Object> d = new LinkedHashMap<>();
    String message = errorMessage;
    d.put("fsm_state", state.name());
    d.put("error", message != null);
    d.put("error_code", message != null ? 1 : 0);
    if (message != null) {
      d.put("error_message", message);
    }
    d.put("state", serviceState());
    return d;
  }

  private static Map<String, Object> health() {
    Runtime rt = Runtime.getRuntime();
    double rssMb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return Map.of(
        "process_count",
        1,
        "cpu_percent",
        Math.max(0.0, load),
        "memory_rss_mb",
        rssMb,
        "memory_vms_mb",
        rt.totalMemory() / (1024.0 * 1024.0));
  }

  /** Posts the reply to the sender; a sender that gave no port (curl) gets none. */
  private void reply(Event e, Event.Result r) {
    if (e.sourcePort() <= 0) {
      return;
    }
    Event out = e.reply(r, name);
    try {
      replies.send(e.sourceAddress(), e.sourcePort(), e.destinationEndpoint(), out);
    } catch (IOException ex) {
      // The sender polls again; a lost reply costs one poll interval, not correctness.
      log.debug("component {}: reply to {} lost: {}", name, e.source(), ex.getMessage());
    }
  }

  /** Sends an event of this component's own to another service. */
  protected void send(String address, int port, Event event) throws IOException {
    replies.send(address, port, "/event", event);
  }

  @Override
  public synchronized void close() {
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
      server = null;
    }
    inbox.shutdownNow();
  }
}
