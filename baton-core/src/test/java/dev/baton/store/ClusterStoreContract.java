package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import dev.baton.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterStore} must do: heartbeats are kept per node; at most one node leads a
 * duty at a time, however many race; the term grows whenever a duty changes hands; and a change
 * fenced with a stale lease is refused whole.
 */
public interface ClusterStoreContract {
  Instant T = StoreFixtures.T0;
  Duration TTL = Duration.ofSeconds(6);

  ClusterStore clusterStore();

  Commits commits();

  JobStore jobStore();

  @Test
  default void aHeartbeatInsertsThenRefreshesItsNode() {
    clusterStore().beat(new Node("b", "1.0", T, T));
    clusterStore().beat(new Node("a", "1.0", T, T));
    clusterStore().beat(new Node("a", "1.1", T.plusSeconds(1), T.plusSeconds(9)));
    assertThat(clusterStore().nodes())
        .containsExactly(
            new Node("a", "1.1", T.plusSeconds(1), T.plusSeconds(9)), new Node("b", "1.0", T, T));
  }

  @Test
  default void theFirstNodeLeadsAndOthersWaitUntilItsLeaseLapses() {
    Lead a = clusterStore().lead("loop", "a", T, TTL).orElseThrow();
    assertThat(a).isEqualTo(new Lead("loop", "a", 1, T.plus(TTL)));
    assertThat(clusterStore().lead("loop", "b", T.plusSeconds(5), TTL)).isEmpty();
    Lead renewed = clusterStore().lead("loop", "a", T.plusSeconds(5), TTL).orElseThrow();
    assertThat(renewed.term()).as("a renewal keeps the term").isEqualTo(1);
    assertThat(renewed.until()).isEqualTo(T.plusSeconds(5).plus(TTL));
    assertThat(clusterStore().lead("loop", "b", T.plusSeconds(10), TTL)).as("still held").isEmpty();
    Lead b = clusterStore().lead("loop", "b", T.plusSeconds(11), TTL).orElseThrow();
    assertThat(b.term()).as("a new holder, a new term").isEqualTo(2);
    assertThat(clusterStore().lead("loop", "a", T.plusSeconds(12), TTL)).isEmpty();
    assertThat(clusterStore().lead("other", "a", T.plusSeconds(12), TTL))
        .as("duties are leased apart")
        .map(Lead::term)
        .contains(1L);
    assertThat(clusterStore().leads()).extracting(Lead::duty).containsExactly("loop", "other");
  }

  @Test
  default void aHolderThatLetItsLeaseLapseComesBackWithANewTerm() {
    assertThat(clusterStore().lead("loop", "a", T, TTL)).isPresent();
    assertThat(clusterStore().lead("loop", "a", T.plusSeconds(7), TTL))
        .map(Lead::term)
        .contains(2L);
  }

  @Test
  default void aResignedLeaseIsFreeAtOnce() {
    Lead a = clusterStore().lead("loop", "a", T, TTL).orElseThrow();
    clusterStore().resign(new Lead("loop", "a", 99, a.until()));
    assertThat(clusterStore().lead("loop", "b", T.plusSeconds(1), TTL))
        .as("resigning another term does nothing")
        .isEmpty();
    clusterStore().resign(a);
    assertThat(clusterStore().lead("loop", "b", T.plusSeconds(1), TTL))
        .map(Lead::term)
        .contains(2L);
  }

  @Test
  default void racingNodesNeverLeadTogether() throws Exception {
    for (int round = 0; round < 20; round++) {
      Instant now = T.plus(TTL.multipliedBy(2 * round)); // every round after the last lapsed
      Map<String, Long> winners = new ConcurrentHashMap<>();
      StoreFixtures.race(
          8,
          racer -> {
            Optional<Lead> got = clusterStore().lead("loop", "n" + racer, now, TTL);
            got.ifPresent(l -> winners.put(l.node(), l.term()));
          });
      assertThat(winners).as("round %d", round).hasSize(1);
      assertThat(winners.values()).containsExactly(round + 1L);
    }
  }

  @Test
  default void aFencedChangeCommitsOnlyWhileItsLeaseIsCurrent() {
    Lead a = clusterStore().lead("loop", "a", T, TTL).orElseThrow();
    Job first = StoreFixtures.job("fenced-1");
    assertThat(
            commits()
                .commit(
                    Change.builder()
                        .add(new Change.Fence(a, T.plusSeconds(1)))
                        .insertJob(first)
                        .build()))
        .isTrue();
    assertThat(jobStore().job("fenced-1")).isPresent();

    Lead b = clusterStore().lead("loop", "b", T.plusSeconds(7), TTL).orElseThrow();
    Job second = StoreFixtures.job("fenced-2");
    assertThat(
            commits()
                .commit(
                    Change.builder()
                        .add(new Change.Fence(a, T.plusSeconds(8)))
                        .insertJob(second)
                        .build()))
        .as("the stale leader's change")
        .isFalse();
    assertThat(jobStore().job("fenced-2")).as("nothing of it was written").isEmpty();
    assertThat(
            commits().commit(Change.builder().add(new Change.Fence(a, T.plusSeconds(2))).build()))
        .as("a stale term is refused even at a time its lease would have held")
        .isFalse();
    assertThat(
            commits()
                .commit(
                    Change.builder()
                        .add(new Change.Fence(b, T.plusSeconds(8)))
                        .insertJob(second)
                        .build()))
        .isTrue();
    assertThat(
            commits().commit(Change.builder().add(new Change.Fence(b, T.plusSeconds(14))).build()))
        .as("a lapsed lease")
        .isFalse();
  }
}
