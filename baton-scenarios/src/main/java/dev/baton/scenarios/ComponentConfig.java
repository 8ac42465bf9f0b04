package dev.baton.scenarios;

import org.jspecify.annotations.Nullable;

/**
 * A managed component (an avena "client"): where its {@code /event} listens, its group, and the
 * shared secret its events to Baton carry ({@code secret}; null: none, so its events are taken only
 * from a loopback address, as avena sends no secret).
 */
public record ComponentConfig(
    String name, String address, int port, String group, @Nullable String secret) {
  public ComponentConfig {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a component needs a name");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "component '" + name + "': port must be 1..65535, was " + port);
    }
    if (secret != null && secret.isEmpty()) {
      throw new IllegalArgumentException("component '" + name + "': secret is empty");
    }
  }

  /** A component without a secret. */
  public ComponentConfig(String name, String address, int port, String group) {
    this(name, address, port, group, null);
  }
}
