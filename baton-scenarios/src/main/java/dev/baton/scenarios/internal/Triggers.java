package dev.baton.scenarios.internal;

import dev.baton.component.Event;
import dev.baton.scenarios.Scenario;
import dev.baton.scenarios.internal.Tracks.Track;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether a scenario's trigger fired, and its limits, as upstream's {@code _check_scenarios} reads
 * them: what a tick would start a scenario with, and which events a scenario waits for.
 */
public final class Triggers {
  private Triggers() {}

  /**
   * What a tick starts the scenario with (seen by templates as {@code trigger}); null when its
   * trigger has not fired: a manual one not requested, an event one with no matching event, a
   * scheduled one (the scheduler starts those).
   */
  public static @Nullable Map<String, Object> fired(Scenario s, Track t) {
    return switch (s.triggerType()) {
      case Scenario.MANUAL ->
          t.manualRequested ? Map.of("source", "manual", "event_type", "manual") : null;
      case Scenario.EVENT -> t.pendingEvent;
      case Scenario.SCHEDULE -> null;
      default -> Map.of("source", "automatic", "event_type", "tick");
    };
  }

  /** No new start until {@code cooldown} seconds after the end of the previous run. */
  public static boolean inCooldown(Scenario s, Track t, Instant now) {
    Instant last = t.lastEnd;
    return last != null && now.isBefore(last.plusSeconds(s.cooldownSeconds()));
  }

  /** max_executions reached since the last ACK. */
  public static boolean blocked(Scenario s, Track t) {
    return s.maxExecutions() > 0 && t.executions >= s.maxExecutions();
  }

  /** An event as the trigger of the scenarios it starts. */
  public static Map<String, Object> of(Event e) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("source", e.source());
    trigger.put("event_type", e.eventType());
    trigger.put("data", e.data());
    trigger.put("payload", e.payload());
    return trigger;
  }

  /**
   * Whether an event (as {@link #of(Event)}) starts an event-triggered scenario: its type, and
   * every filter key (a dotted path into source, event_type, data, payload) equal to its value.
   */
  public static boolean awaits(Scenario s, Map<String, Object> event) {
    if (!Scenario.EVENT.equals(s.triggerType())
        || !String.valueOf(event.get("event_type")).equals(s.eventType())) {
      return false;
    }
    for (var f : s.eventFilter().entrySet()) {
      Object actual = Templates.lookup(event, f.getKey());
      if (actual == null || !String.valueOf(actual).equals(String.valueOf(f.getValue()))) {
        return false;
      }
    }
    return true;
  }
}
