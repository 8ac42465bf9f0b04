package dev.baton.worker;

import dev.baton.job.Maps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered worker. {@code info} is the registration body as the worker sent it (Avtomatika
 * stores it verbatim and so do we), merged with every heartbeat; the typed accessors read it. A
 * worker that has not been heard from by {@code expiresAt} is gone: it gets no new tasks and the
 * leases of its running tasks run out.
 */
public record Worker(
    String id,
    Set<String> taskTypes,
    Map<String, Object> info,
    Instant registeredAt,
    Instant lastSeen,
    Instant expiresAt) {

  public Worker {
    taskTypes = Set.copyOf(taskTypes);
    info = Maps.copy(info);
  }

  public boolean isAlive(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** {@code idle} unless the worker said otherwise. */
  public String status() {
    return info.get("status") instanceof String s ? s : "idle";
  }

  public boolean acceptsWebSocketCommands() {
    return info.get("capabilities") instanceof Map<?, ?> caps
        && Boolean.TRUE.equals(caps.get("websockets"));
  }

  public double number(String key, double fallback) {
    return info.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }

  public @Nullable Object get(String key) {
    return info.get(key);
  }

  /** Task types read from {@code supported_tasks}; anything that is not a string is ignored. */
  public static Set<String> taskTypesOf(Map<String, Object> info) {
    if (info.get("supported_tasks") instanceof List<?> list) {
      return Set.copyOf(
          list.stream().filter(String.class::isInstance).map(String.class::cast).toList());
    }
    return Set.of();
  }

  public Worker seen(Map<String, Object> patch, Instant now, Instant until) {
    Map<String, Object> merged = Maps.merged(info, patch);
    return new Worker(id, taskTypesOf(merged), merged, registeredAt, now, until);
  }
}
