package dev.baton.scenarios;

/** A managed component (an avena "client"): where its {@code /event} listens and its group. */
public record ComponentConfig(String name, String address, int port, String group) {
  public ComponentConfig {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a component needs a name");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "component '" + name + "': port must be 1..65535, was " + port);
    }
  }
}
