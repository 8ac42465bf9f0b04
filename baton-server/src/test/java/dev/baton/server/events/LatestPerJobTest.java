package dev.baton.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of one write's events a coalescing stream sends. */
class LatestPerJobTest {
  private long nextId = 1;

  @Test
  void aJobsEarlierEventsOfTheWriteAreCutAndEverythingElseStaysInOrder() {
    List<Subscription.Item> items = new ArrayList<>();
    items.add(new Subscription.Gap(0));
    items.add(job("a", "job.waiting_for_worker"));
    items.add(job("b", "job.waiting_for_worker"));
    items.add(event("robots", "robot.changed", Map.of("id", "a")));
    items.add(event("progress:a", "job.progress", Map.of("progress", 0.1)));
    items.add(job("a", "job.running"));
    items.add(event("progress:a", "job.progress", Map.of("progress", 0.9)));
    items.add(event("ledger", "job.finished", Map.of("job_id", "a")));
    items.add(event("ledger", "job.finished", Map.of("job_id", "a")));
    items.add(job("a", "job.finished"));

    LatestPerJob.cut(items);

    assertThat(items.getFirst()).isInstanceOf(Subscription.Gap.class);
    assertThat(items.stream().skip(1).map(i -> ((Subscription.Delivered) i).event().id()))
        .as("b's only event, the robot, a's last progress, both ledger entries, a's end")
        .containsExactly(2L, 3L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aWriteWithOneEventAJobIsLeftAsItIs() {
    List<Subscription.Item> items =
        new ArrayList<>(List.of(job("a", "job.finished"), job("b", "job.finished")));
    List<Subscription.Item> before = List.copyOf(items);
    LatestPerJob.cut(items);
    assertThat(items).isEqualTo(before);
    List<Subscription.Item> none = new ArrayList<>();
    LatestPerJob.cut(none);
    assertThat(none).isEmpty();
  }

  private Subscription.Delivered job(String id, String type) {
    return event("jobs", type, Map.of("id", id, "status", type.substring(4)));
  }

  private Subscription.Delivered event(String channel, String type, Map<String, Object> data) {
    return new Subscription.Delivered(
        new ServerEvent(nextId++, channel, type, Instant.EPOCH, null, Map.copyOf(data)));
  }
}
