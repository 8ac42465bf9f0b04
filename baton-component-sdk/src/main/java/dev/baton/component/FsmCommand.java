package dev.baton.component;

import java.util.Locale;
import java.util.Optional;

/**
 * The avena FSM commands. An event whose type names one and that carries no {@code result} is a
 * command; {@code CMD_INITIALIZE} and {@code CMD_STOP} (the documented names) and {@code
 * CMD_GRACEFUL_STOP} (the docstrings') are accepted as aliases.
 */
public enum FsmCommand {
  CMD_INITIALIZED,
  CMD_RUN,
  CMD_PAUSE,
  CMD_STOPPED,
  CMD_HARD_STOP,
  CMD_SOFT_STOP,
  CMD_ACK,
  CMD_RESTART,
  CMD_GET_STATE,
  CMD_HEALTH_CHECK;

  /** The command an event type names, aliases resolved; empty for any other event. */
  public static Optional<FsmCommand> parse(String eventType) {
    String t = eventType.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "CMD_INITIALIZE" -> Optional.of(CMD_INITIALIZED);
      case "CMD_STOP", "CMD_GRACEFUL_STOP" -> Optional.of(CMD_STOPPED);
      default -> {
        for (FsmCommand c : values()) {
          if (c.name().equals(t)) {
            yield Optional.of(c);
          }
        }
        yield Optional.empty();
      }
    };
  }
}
