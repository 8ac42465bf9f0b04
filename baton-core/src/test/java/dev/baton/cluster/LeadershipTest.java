package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.Change;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes' leases as Leadership keeps them, each node with its own clock. */
class LeadershipTest {
  static final String DUTY = Leadership.CONTROL_LOOP;
  static final Duration TTL = Duration.ofSeconds(6);

  final InMemoryStore store = new InMemoryStore();
  final ManualClock clockA = new ManualClock();
  final ManualClock clockB = new ManualClock();
  final Leadership a = Leadership.start(store, store, clockA, "a", "1.0", TTL, Set.of(DUTY));
  final Leadership b = Leadership.start(store, store, clockB, "b", "1.0", TTL, Set.of(DUTY));

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  @Test
  void theFirstNodeLeadsAndBothBeat() {
    assertThat(a.leads(DUTY)).isTrue();
    assertThat(b.leads(DUTY)).isFalse();
    assertThat(a.nodes()).extracting(Node::id).containsExactly("a", "b");
    assertThat(a.commit(DUTY, Change.builder())).isTrue();
    assertThat(b.commit(DUTY, Change.builder())).as("not the leader").isFalse();
  }

  @Test
  void aLeaderStopsActingOneRenewalPeriodBeforeItsLeaseLapses() {
    a.halt();
    clockA.advance(TTL.minus(a.period()).plusMillis(1));
    assertThat(a.leads(DUTY)).isFalse();
  }

  @Test
  void aSilentLeaderIsReplacedOnceItsLeaseLapsesAndItsWritesAreRefused() {
    a.halt();
    clockB.advance(TTL.plusMillis(1));
    b.renew();
    assertThat(b.lead(DUTY)).map(Lead::term).contains(2L);
    // a's clock has not moved (a long pause): it still believes it leads, the store knows better.
    assertThat(a.leads(DUTY)).isTrue();
    assertThat(a.commit(DUTY, Change.builder())).isFalse();
    assertThat(b.commit(DUTY, Change.builder())).isTrue();
  }

  @Test
  void closingResignsSoAnotherNodeTakesOverAtOnce() {
    a.close();
    b.renew();
    assertThat(b.leads(DUTY)).isTrue();
  }
}
