package dev.baton.store;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The nodes sharing a store and the leases on singleton duties. Checked by {@code
 * ClusterStoreContract}. Times come from the caller's clock, so nodes need clocks in step (NTP); a
 * skew of a second or two only shortens or lengthens a lease by as much.
 */
public interface ClusterStore {

  /** Records that {@code node} is alive: inserts its row or refreshes it. */
  void beat(Node node);

  /** Every node that ever beat and has not been forgotten, by id. */
  List<Node> nodes();

  /**
   * Takes or renews the lease on {@code duty} for {@code node} until {@code now + ttl}: granted
   * when nobody holds it, when {@code node} holds it, or when the holder's lease lapsed. However
   * many nodes race, at most one holds a duty at a time. The term stays when the holder renews a
   * lease that still holds, and grows otherwise.
   *
   * @return the lease {@code node} holds now, or empty when another node holds it
   */
  Optional<Lead> lead(String duty, String node, Instant now, Duration ttl);

  /** Gives the lease up at once, if {@code lead} is still the current one; else does nothing. */
  void resign(Lead lead);

  /** The current lease of every duty ever led (lapsed ones too: check {@link Lead#holdsAt}). */
  List<Lead> leads();
}
