package dev.baton.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * One Baton process sharing the store, as its last heartbeat left it.
 *
 * @param id the node's name ({@code BATON_NODE_ID}, or host name and process id)
 * @param version the Baton version it runs
 * @param startedAt when the process started
 * @param beatAt its last heartbeat
 */
public record Node(String id, String version, Instant startedAt, Instant beatAt) {

  /** Alive when its last heartbeat is younger than {@code within} at {@code now}. */
  public boolean aliveAt(Instant now, Duration within) {
    return beatAt.plus(within).isAfter(now);
  }
}
