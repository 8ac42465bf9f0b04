package dev.baton.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A node as the cluster sees it at one instant: alive while its last heartbeat is younger than one
 * lease, and the duties whose lease it holds then. What the cluster route and the console's panel
 * show, computed in one place ({@link Leadership#members}).
 */
public record Member(Node node, boolean alive, List<String> leads) {
  public Member {
    leads = List.copyOf(leads);
  }

  static Member of(Node node, List<Lead> leads, Instant now, Duration lease) {
    return new Member(
        node,
        node.aliveAt(now, lease),
        leads.stream()
            .filter(l -> l.node().equals(node.id()) && l.holdsAt(now))
            .map(Lead::duty)
            .toList());
  }
}
