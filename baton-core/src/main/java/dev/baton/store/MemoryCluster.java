package dev.baton.store;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The nodes and leases of an {@link InMemoryStore}; its monitor guards this part too. */
final class MemoryCluster {
  private final Map<String, Node> nodes = new TreeMap<>();
  private final Map<String, Lead> leads = new TreeMap<>();

  void beat(Node node) {
    nodes.put(node.id(), node);
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  Optional<Lead> lead(String duty, String node, Instant now, Duration ttl) {
    Lead current = leads.get(duty);
    Instant until = now.plus(ttl);
    if (current == null) {
      return put(new Lead(duty, node, 1, until));
    }
    boolean mine = current.node().equals(node);
    if (mine && current.holdsAt(now)) {
      return put(new Lead(duty, node, current.term(), until));
    }
    if (mine || !current.holdsAt(now)) {
      return put(new Lead(duty, node, current.term() + 1, until));
    }
    return Optional.empty();
  }

  private Optional<Lead> put(Lead lead) {
    leads.put(lead.duty(), lead);
    return Optional.of(lead);
  }

  void resign(Lead lead, Instant lapsed) {
    Lead current = leads.get(lead.duty());
    if (current != null && current.node().equals(lead.node()) && current.term() == lead.term()) {
      leads.put(lead.duty(), new Lead(lead.duty(), lead.node(), lead.term(), lapsed));
    }
  }

  List<Lead> leads() {
    return List.copyOf(leads.values());
  }

  boolean holds(Lead lead, Instant now) {
    Lead current = leads.get(lead.duty());
    return current != null
        && current.node().equals(lead.node())
        && current.term() == lead.term()
        && current.holdsAt(now);
  }
}
