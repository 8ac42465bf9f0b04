package dev.baton.cluster;

import dev.baton.duty.Duty;
import dev.baton.store.Change;
import dev.baton.store.ClusterStore;
import dev.baton.store.Commits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place among the nodes sharing a store: a heartbeat every renewal period, and a lease
 * on each singleton duty it may lead. Every node runs one; for each duty, at most one of them
 * {@link #leads} it at a time.
 *
 * <p>Timing: a lease lasts {@code ttl} and is renewed every {@code ttl / 3}. A node counts itself
 * the leader only while its lease has more than one renewal period left, so when it cannot reach
 * the store it stops acting a period before another node may take over. A killed leader's duty
 * moves to another node within {@code ttl} plus one renewal period.
 *
 * <p>Under failure: a store that cannot be reached is retried every period; the leases held lapse
 * by themselves. A change that must be the leader's goes through {@link #commit}, which stamps it
 * with the lease's term: a stale leader's change (after a pause longer than its lease) is refused
 * by the store, whatever this node believes.
 */
public final class Leadership implements AutoCloseable {
  /** The duty of the control loop: one node runs its cycles. */
  public static final String CONTROL_LOOP = "control-loop";

  /** The duty of the scenarios' automatic checks: one node starts the runs they trigger. */
  public static final String SCENARIOS = "scenarios";

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final ClusterStore cluster;
  private final Commits commits;
  private final Clock clock;
  private final Node self;
  private final Duration ttl;
  private final Set<String> duties;
  private final Map<String, Lead> held = new ConcurrentHashMap<>();
  private volatile @Nullable Duty duty;

  private Leadership(
      ClusterStore cluster,
      Commits commits,
      Clock clock,
      String node,
      String version,
      Duration ttl,
      Set<String> duties) {
    if (ttl.toMillis() < 30) {
      throw new IllegalArgumentException("a lease must last at least 30 ms, was " + ttl);
    }
    this.cluster = cluster;
    this.commits = commits;
    this.clock = clock;
    Instant now = clock.instant();
    this.self = new Node(node, version, now, now);
    this.ttl = ttl;
    this.duties = Set.copyOf(duties);
  }

  /**
   * Beats and tries each duty once, then keeps doing so every renewal period on a background
   * thread. Returns after the first round, so a lone node leads its duties when this returns.
   */
  public static Leadership start(
      ClusterStore cluster,
      Commits commits,
      Clock clock,
      String node,
      String version,
      Duration ttl,
      Set<String> duties) {
    Leadership l = new Leadership(cluster, commits, clock, node, version, ttl, duties);
    try {
      l.renew();
    } catch (RuntimeException e) {
      log.warn("first heartbeat of node {} failed; trying again: {}", node, e.getMessage());
    }
    // A platform thread: a renewal waiting for a free carrier on a busy machine could let the
    // lease run short, and the loop skip cycles.
    l.duty =
        Duty.platform(
            "baton-leadership",
            l.period(),
            () -> {
              l.renew();
              return l.period();
            });
    return l;
  }

  /** The time between renewals: a third of the lease. */
  public Duration period() {
    return ttl.dividedBy(3);
  }

  public Duration ttl() {
    return ttl;
  }

  public String node() {
    return self.id();
  }

  /** One heartbeat and one attempt at each duty, now. */
  public void renew() {
    Instant now = clock.instant();
    cluster.beat(new Node(self.id(), self.version(), self.startedAt(), now));
    for (String d : duties) {
      Optional<Lead> got = cluster.lead(d, self.id(), now, ttl);
      Lead before = got.isPresent() ? held.put(d, got.get()) : held.remove(d);
      if (got.isPresent() && (before == null || before.term() != got.get().term())) {
        log.info("node {} leads {} (term {})", self.id(), d, got.get().term());
      } else if (got.isEmpty() && before != null) {
        log.info("node {} no longer leads {}", self.id(), d);
      }
    }
  }

  /** The lease on {@code duty} while this node may act on it (more than one period left). */
  public Optional<Lead> lead(String duty) {
    Lead l = held.get(duty);
    return l != null && l.holdsAt(clock.instant().plus(period()))
        ? Optional.of(l)
        : Optional.empty();
  }

  public boolean leads(String duty) {
    return lead(duty).isPresent();
  }

  /**
   * Commits {@code change} as the leader of {@code duty}: with a {@link Change.Fence} on this
   * node's lease first, so the store refuses it whole when the lease lapsed or passed on.
   *
   * @return false, having changed nothing, when this node does not lead {@code duty}
   */
  public boolean commit(String duty, Change.Builder change) {
    Optional<Lead> l = lead(duty);
    if (l.isEmpty()) {
      return false;
    }
    Change.Builder fenced = Change.builder().add(new Change.Fence(l.get(), clock.instant()));
    change.build().ops().forEach(fenced::add);
    return commits.commit(fenced.build());
  }

  /** The nodes that share the store, and the current leases. */
  public List<Node> nodes() {
    return cluster.nodes();
  }

  public List<Lead> leads() {
    return cluster.leads();
  }

  /** Every node that shares the store, as of {@code now}, given the current {@code leads}. */
  public List<Member> members(List<Lead> leads, Instant now) {
    return nodes().stream().map(n -> Member.of(n, leads, now, ttl)).toList();
  }

  /** Stops renewing and gives up every lease held, so another node takes over at once. */
  @Override
  public void close() {
    halt();
    for (Lead l : held.values()) {
      try {
        cluster.resign(l);
      } catch (RuntimeException e) {
        log.warn("could not resign {}; it lapses by itself: {}", l.duty(), e.getMessage());
      }
    }
    held.clear();
  }

  /** Stops renewing without resigning, as a killed process would: the leases lapse in time. */
  public void halt() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
