package dev.baton.robot;

import java.util.Locale;

/**
 * CasareRPA's robot statuses. A robot is online while connected with free capacity, busy when full,
 * offline when disconnected or silent past the stale timeout, in error when it says so, and in
 * maintenance while an operator drains it (it finishes what it holds and gets nothing new).
 */
public enum RobotStatus {
  OFFLINE,
  ONLINE,
  BUSY,
  ERROR,
  MAINTENANCE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws with the list of valid names when it is not one. */
  public static RobotStatus fromWire(String name) {
    for (RobotStatus s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown robot status '"
            + name
            + "'; expected offline, online, busy, error or maintenance");
  }
}
