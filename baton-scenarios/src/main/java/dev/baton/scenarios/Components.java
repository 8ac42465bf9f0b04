package dev.baton.scenarios;

import dev.baton.component.Event;
import dev.baton.component.EventSender;
import dev.baton.duty.Duty;
import dev.baton.scenarios.internal.ComponentStates;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed components: sends them avena events at {@code http://address:port/event} and keeps
 * each one's FSM state from its replies to the periodic {@code CMD_GET_STATE}. A component that
 * cannot be reached, or that stops answering for {@link #SILENT_POLLS} polls, shows as UNKNOWN with
 * the reason. Thread-safe.
 */
public final class Components implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Components.class);

  /** Polls without a reply after which a reachable component counts as UNKNOWN. */
  public static final int SILENT_POLLS = 3;

  private final String self;
  private final Map<String, ComponentConfig> configs = new LinkedHashMap<>();
  private final ComponentStates states = new ComponentStates(SILENT_POLLS);
  private final EventSender sender = new EventSender(Duration.ofSeconds(2));
  private final Clock clock;
  private volatile String replyAddress = "127.0.0.1";
  private volatile int replyPort;
  private @Nullable Duty poller;

  /**
   * @param self the name Baton gives itself as the events' {@code source}
   */
  public Components(String self, List<ComponentConfig> components, Clock clock) {
    this.self = self;
    this.clock = clock;
    for (ComponentConfig c : components) {
      configs.put(c.name(), c);
      states.added(c);
    }
  }

  /** Where components send their replies: Baton's own {@code /event}. */
  public void replyTo(String address, int port) {
    this.replyAddress = address;
    this.replyPort = port;
  }

  public String self() {
    return self;
  }

  public List<ComponentConfig> configs() {
    return List.copyOf(configs.values());
  }

  public Optional<ComponentConfig> config(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  /** Every component with its state, in configuration order; for APIs and the control loop. */
  public List<ComponentStatus> statuses() {
    List<ComponentStatus> out = new ArrayList<>();
    for (String n : configs.keySet()) {
      states.of(n).ifPresent(out::add);
    }
    return out;
  }

  public Optional<ComponentStatus> status(String name) {
    return states.of(name);
  }

  /**
   * Sends an event to a component and waits for its acknowledgement (not for the outcome).
   *
   * @throws IOException when it cannot be delivered; the component then shows as UNKNOWN with why
   * @throws IllegalArgumentException when no component has that name
   */
  public void send(String name, String eventType, Map<String, Object> data, double maxSeconds)
      throws IOException {
    ComponentConfig c = configs.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "no component named '" + name + "'; known: " + configs.keySet());
    }
    Event e = Event.of(self, replyAddress, replyPort, name, eventType, data, maxSeconds);
    try {
      sender.send(c.address(), c.port(), "/event", e);
    } catch (IOException ex) {
      states.unreachable(c, ex.getMessage());
      throw ex;
    }
  }

  /**
   * Posts the reply to an event someone sent Baton, as an avena service does, but only to a
   * configured component: to the address and port of the component the event's {@code source}
   * names, never to the {@code source_address:source_port} the event claims (which would let any
   * caller make Baton connect anywhere). None when the sender gave port 0 (curl) or is not a
   * configured component.
   */
  public void reply(Event original, Event.Result result) {
    if (original.sourcePort() <= 0) {
      return;
    }
    ComponentConfig c = configs.get(original.source());
    if (c == null) {
      log.info(
          "no reply to '{}' for {}: not a configured component",
          original.source(),
          original.eventType());
      return;
    }
    try {
      sender.send(
          c.address(), c.port(), original.destinationEndpoint(), original.reply(result, self));
    } catch (IOException e) {
      log.info(
          "reply to {} for {} lost: {}", original.source(), original.eventType(), e.getMessage());
    }
  }

  /** Asks every component for its state, in parallel; returns once every request was sent. */
  public void pollOnce() {
    List<Thread> sends = new ArrayList<>();
    for (ComponentConfig c : configs.values()) {
      sends.add(Thread.ofVirtual().start(() -> poll(c)));
    }
    for (Thread t : sends) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void poll(ComponentConfig c) {
    states.polling(c);
    try {
      send(c.name(), "CMD_GET_STATE", Map.of(), 20.0);
    } catch (IOException e) {
      log.debug("component {}: {}", c.name(), e.getMessage());
    }
  }

  /**
   * Takes a reply a component sent to Baton's {@code /event}. A reply that carries {@code
   * fsm_state} (CMD_GET_STATE's, and the SDK's replies to commands) updates the state.
   *
   * @return true when the event was a reply from a known component
   */
  public boolean accept(Event reply) {
    Event.Result r = reply.result();
    ComponentConfig c = configs.get(reply.source());
    if (r == null || c == null) {
      return false;
    }
    if (!(r.data().get("fsm_state") instanceof String fsm)) {
      return true;
    }
    Object error = r.data().get("error");
    Object message = r.data().get("error_message");
    Map<String, Object> state = new LinkedHashMap<>();
    if (r.data().get("state") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          state.put(String.valueOf(k), v);
        }
      });
    }
    states.replied(
        c,
        fsm,
        Boolean.TRUE.equals(error),
        message == null ? null : String.valueOf(message),
        state,
        clock.instant());
    return true;
  }

  /** Polls every {@code interval} on a virtual thread until closed. */
  public synchronized Components start(Duration interval) {
    if (poller == null && !configs.isEmpty()) {
      poller =
          Duty.virtual(
              "baton-components-poll",
              interval,
              () -> {
                pollOnce();
                return interval;
              });
    }
    return this;
  }

  @Override
  public synchronized void close() {
    Duty p = poller;
    if (p != null) {
      p.close();
      poller = null;
    }
  }
}
