package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules {@code send_email} and {@code send_sms} share, as upstream's: a disabled component is a
 * silent success; after {@code max_error_attempts} consecutive failures of one action type, sending
 * is skipped until one succeeds... which it cannot while skipped, so an ACK (or a restart) resets
 * the counter. Templates also see {@code clients_in_fault}, {@code clients_error_messages} and
 * {@code clients_error_messages_sms}.
 */
final class Notifications {
  private static final Logger log = LoggerFactory.getLogger("dev.baton.scenarios.log");

  /** Sends through one configured component. */
  @FunctionalInterface
  interface Sender {
    Map<String, Object> send(Map<String, Object> component, Map<String, Object> vars)
        throws ActionFailure;
  }

  private final Components components;
  private final OrchestratorConfig config;
  private final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private volatile Consumer<String> errorSkipped = type -> {};

  Notifications(Components components, OrchestratorConfig config) {
    this.components = components;
    this.config = config;
  }

  /** Consecutive failures per action type. */
  Map<String, Integer> failureCounts() {
    Map<String, Integer> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Resets the consecutive-failure counters (on ACK). */
  void resetFailures() {
    failures.clear();
  }

  /** Told the action type of each send skipped after max_error_attempts (for its meter). */
  void onErrorSkip(Consumer<String> skipped) {
    errorSkipped = skipped;
  }

  /**
   * Sends with the rules above.
   *
   * @param kind the component type, {@code email} or {@code sms}
   * @param name the component's name; null for the first of its kind
   */
  Map<String, Object> notify(
      String type,
      String kind,
      @Nullable Object name,
      boolean ignoreErrors,
      Map<String, Object> vars,
      Sender sender)
      throws ActionFailure {
    Map<String, Object> component = service(kind, name);
    if (Boolean.FALSE.equals(component.get("enabled"))) {
      return Map.of("skipped", true, "reason", kind + " component disabled");
    }
    AtomicInteger count = failures.computeIfAbsent(type, t -> new AtomicInteger());
    int max = component.get("max_error_attempts") instanceof Number n ? n.intValue() : 0;
    if (max > 0 && count.get() >= max) {
      log.warn(
          "{} skipped: {} consecutive failures reached max_error_attempts {}",
          type,
          count.get(),
          max);
      errorSkipped.accept(type);
      return Map.of(
          "skipped",
          true,
          "reason",
          count.get() + " consecutive failures (max_error_attempts " + max + ")");
    }
    Map<String, Object> withFaults = new LinkedHashMap<>(vars);
    withFaults.putAll(faultVariables());
    try {
      Map<String, Object> result = sender.send(component, withFaults);
      count.set(0);
      return result;
    } catch (ActionFailure e) {
      count.incrementAndGet();
      if (ignoreErrors) {
        return Map.of("ignored_error", String.valueOf(e.getMessage()));
      }
      throw e;
    }
  }

  private Map<String, Object> service(String type, @Nullable Object name) throws ActionFailure {
    for (var e : config.services().entrySet()) {
      if (type.equals(e.getValue().get("type")) && (name == null || e.getKey().equals(name))) {
        return e.getValue();
      }
    }
    throw new ActionFailure(
        "no "
            + type
            + " component configured"
            + (name == null ? "" : " named '" + name + "'")
            + "; add one under components with type \""
            + type
            + "\"");
  }

  private Map<String, Object> faultVariables() {
    List<ComponentStatus> faulty =
        components.statuses().stream().filter(c -> "FAULT".equals(c.fsmState())).toList();
    List<String> names = faulty.stream().map(ComponentStatus::name).sorted().toList();
    List<String> messages = new ArrayList<>();
    List<String> shortMessages = new ArrayList<>();
    for (ComponentStatus c : components.statuses()) {
      if (c.errorMessage() != null) {
        messages.add(c.name() + ": " + c.errorMessage());
        String m = c.errorMessage();
        shortMessages.add(c.name() + ": " + (m.length() > 40 ? m.substring(0, 40) : m));
      }
    }
    return Map.of(
        "clients_in_fault", names.isEmpty() ? "(brak)" : String.join(", ", names),
        "clients_error_messages", messages.isEmpty() ? "(brak)" : String.join("\n", messages),
        "clients_error_messages_sms",
            shortMessages.isEmpty() ? "(brak)" : String.join("; ", shortMessages));
  }
}
