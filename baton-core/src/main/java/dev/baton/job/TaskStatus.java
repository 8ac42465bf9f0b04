package dev.baton.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A task is queued until a worker leases it, then done (a result was accepted), expired (its lease
 * or deadline ran out; a retry is a new task) or cancelled (its job was cancelled).
 */
public enum TaskStatus {
  QUEUED,
  LEASED,
  DONE,
  EXPIRED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The statuses from which a task may move to this one. */
  public Set<TaskStatus> allowedFrom() {
    return switch (this) {
      case QUEUED -> EnumSet.noneOf(TaskStatus.class);
      case LEASED -> EnumSet.of(QUEUED);
      case DONE -> EnumSet.of(LEASED);
      case EXPIRED, CANCELLED -> EnumSet.of(QUEUED, LEASED);
    };
  }

  public boolean isOpen() {
    return this == QUEUED || this == LEASED;
  }
}
