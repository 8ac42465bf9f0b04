package dev.baton.server.events;

import dev.baton.duty.Duty;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Publishes changes of state that lives outside the engine's transactions (robots, components) by
 * reading it at an interval and comparing each item with its last reading: {@code <noun>.changed}
 * with the item's view when it differs, {@code <noun>.removed} when it is gone. What is read is
 * what was stored or reported, so nothing uncommitted is ever published; a change that is undone
 * within one interval is not seen at all.
 *
 * <p>The first reading is the baseline and publishes nothing. A reading that fails is logged by the
 * duty and tried again at the next interval.
 */
public final class StateWatch implements AutoCloseable {
  private final EventHub hub;
  private final String channel;
  private final String noun;
  private final Supplier<Map<String, Map<String, @Nullable Object>>> read;
  private @Nullable Map<String, Map<String, @Nullable Object>> last;
  private @Nullable Duty duty;

  /**
   * @param read the items now, by key; each view must compare equal when nothing changed (leave out
   *     what changes on every reading, such as a heartbeat's time)
   */
  public StateWatch(
      EventHub hub,
      Channel channel,
      String noun,
      Supplier<Map<String, Map<String, @Nullable Object>>> read) {
    this.hub = hub;
    this.channel = channel.wireName();
    this.noun = noun;
    this.read = read;
  }

  /** Reads once and publishes what changed since the last reading; how many events it published. */
  public synchronized int round() {
    Map<String, Map<String, @Nullable Object>> now = new LinkedHashMap<>(read.get());
    Map<String, Map<String, @Nullable Object>> before = last;
    last = now;
    if (before == null) {
      return 0;
    }
    int published = 0;
    for (Map.Entry<String, Map<String, @Nullable Object>> e : now.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        hub.publish(channel, noun + ".changed", null, e.getValue());
        published++;
      }
    }
    for (String gone : before.keySet()) {
      if (!now.containsKey(gone)) {
        Map<String, @Nullable Object> id = new HashMap<>();
        id.put("id", gone);
        hub.publish(channel, noun + ".removed", null, id);
        published++;
      }
    }
    return published;
  }

  /** Reads every {@code interval} on a virtual thread until closed. */
  public StateWatch start(Duration interval) {
    duty =
        Duty.virtual(
            "baton-watch-" + noun,
            interval,
            () -> {
              round();
              return interval;
            });
    return this;
  }

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
