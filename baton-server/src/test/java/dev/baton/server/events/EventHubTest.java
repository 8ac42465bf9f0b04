package dev.baton.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.Client;
import dev.baton.server.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub's numbering, ring, resume, filtering and back-pressure, without a server. */
class EventHubTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
  private final EventHub hub = new EventHub(clock, 4);

  @Test
  void idsGrowAndStartAtTheHubsCreationTimeSoARestartNeverReusesThem() {
    ServerEvent a = publish("jobs", "a");
    ServerEvent b = publish("jobs", "b");
    assertThat(a.id()).isEqualTo(clock.millis() * 1000);
    assertThat(b.id()).isEqualTo(a.id() + 1);
  }

  @Test
  void aResumeReplaysWhatTheRingHoldsAfterTheIdThenGoesOnLive() throws Exception {
    ServerEvent first = publish("jobs", "1");
    publish("jobs", "2");
    publish("jobs", "3");
    try (Subscription s = hub.subscribe(e -> true, first.id(), 16)) {
      publish("jobs", "4");
      assertThat(subjects(s, 3)).containsExactly("2", "3", "4");
    }
  }

  @Test
  void anIdOlderThanTheRingOrFromAnotherRunGetsAGapFirst() throws Exception {
    ServerEvent first = publish("jobs", "1");
    for (int i = 2; i <= 6; i++) {
      publish("jobs", String.valueOf(i));
    }
    assertThat(hub.recent()).hasSize(4);
    try (Subscription s = hub.subscribe(e -> true, first.id(), 16)) {
      assertThat(s.next(Duration.ZERO)).isInstanceOf(Subscription.Gap.class);
      assertThat(subjects(s, 4)).containsExactly("3", "4", "5", "6");
    }
    try (Subscription s = hub.subscribe(e -> true, Long.MAX_VALUE - 1, 16)) {
      assertThat(s.next(Duration.ZERO)).isInstanceOf(Subscription.Gap.class);
    }
  }

  @Test
  void aClientReceivesOnlyItsOwnJobsAndMayNotAskForOperatorChannels() throws Exception {
    Client alice = new Client("alice", "free", Map.of(), null, Role.CLIENT);
    ChannelSelection sel = ChannelSelection.parse(null, alice);
    assertThat(sel.channels()).containsExactly("jobs", "progress");
    try (Subscription s = hub.subscribe(sel.filter(), null, 16)) {
      hub.publish("jobs", "job.finished", "bob", Map.of("id", "b"));
      hub.publish("jobs", "job.finished", "alice", Map.of("id", "a"));
      hub.publish(Channel.progressOf("a"), "job.progress", "alice", Map.of("id", "a"));
      hub.publish("ledger", "job.finished", null, Map.of("id", "l"));
      assertThat(subjects(s, 2)).containsExactly("a", "a");
      assertThat(s.next(Duration.ZERO)).isNull();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ChannelSelection.parse("jobs,ledger", alice))
        .hasMessageContaining("the channel ledger needs operator");
  }

  @Test
  void aSubscriberThatFallsBehindIsEndedRatherThanSlowingThePublisher() throws Exception {
    Subscription s = hub.subscribe(e -> true, null, 2);
    for (int i = 0; i < 5; i++) {
      publish("jobs", String.valueOf(i));
    }
    assertThat(hub.subscribers()).isZero();
    List<Subscription.Item> items = new ArrayList<>();
    Subscription.Item item;
    while ((item = s.next(Duration.ZERO)) != null) {
      items.add(item);
    }
    assertThat(items.getLast()).isInstanceOf(Subscription.Ended.class);
  }

  @Test
  void closingTheHubEndsItsSubscribers() throws Exception {
    Subscription s = hub.subscribe(e -> true, null, 4);
    hub.close();
    assertThat(s.next(Duration.ZERO)).isInstanceOf(Subscription.Ended.class);
    assertThat(hub.publish("jobs", "x", null, Map.of())).isNull();
  }

  private ServerEvent publish(String channel, String subject) {
    return hub.publish(channel, "test", null, Map.of("id", subject));
  }

  private static List<String> subjects(Subscription s, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Subscription.Item item = s.next(Duration.ofSeconds(1));
      assertThat(item).isInstanceOf(Subscription.Delivered.class);
      out.add(String.valueOf(((Subscription.Delivered) item).event().data().get("id")));
    }
    return out;
  }
}
