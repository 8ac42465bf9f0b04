package dev.baton.ledger;

import java.util.Locale;

/**
 * How much an entry matters. The control loop's health score counts the errors of the last hour.
 */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws naming the valid ones when it is not one. */
  public static Severity fromWire(String name) {
    for (Severity s : values()) {
      if (s.wireName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + name + "'; expected one of info, warning, error");
  }
}
