package dev.baton.worker.sdk.robot;

import java.net.URI;
import java.util.Set;

/**
 * A reconnect the robot's own loop made ({@link RobotClient.Builder#reconnect}): its connection to
 * {@code from} had ended, and it registered with {@code to} (the same node, or another sharing its
 * store) naming {@code carried}, the jobs it was running, which stay its own there.
 */
public record Reconnected(URI from, URI to, Set<String> carried) {
  public Reconnected {
    carried = Set.copyOf(carried);
  }

  /** Whether it moved to another node. */
  public boolean moved() {
    return !from.equals(to);
  }
}
