package dev.baton.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.Broadcast;
import dev.baton.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What one node's relay sends is what another's publishes: the channel, type, owner, time and data
 * of the event, renumbered by the receiving hub; an event too large for one message is sent with
 * its long texts cut, and a message this version cannot read is skipped.
 */
class EventRelayTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));

  @Test
  void anEncodedEventIsPublishedAsItWasOnTheOtherHub() {
    EventHub origin = new EventHub(clock);
    Map<String, @Nullable Object> data = new LinkedHashMap<>();
    data.put("id", "job-1");
    data.put("status", "finished");
    data.put("error_message", null);
    ServerEvent sent = origin.publish("jobs", "job.finished", "alice", data);
    assertThat(sent).isNotNull();

    clock.advance(java.time.Duration.ofSeconds(5));
    EventHub other = new EventHub(clock);
    EventRelay relay = EventRelay.start(other, Broadcast.NONE);
    relay.receive(java.util.Objects.requireNonNull(EventRelay.encode(sent, 1)));
    ServerEvent got = other.recent().getFirst();
    assertThat(got.channel()).isEqualTo("jobs");
    assertThat(got.type()).isEqualTo("job.finished");
    assertThat(got.owner()).isEqualTo("alice");
    assertThat(got.at()).as("the time it happened, not received").isEqualTo(sent.at());
    assertThat(got.data()).isEqualTo(data);
    assertThat(relay.received()).isEqualTo(1);
  }

  @Test
  void aLongTextIsCutSoTheEventFitsInOneMessage() {
    EventHub hub = new EventHub(clock);
    ServerEvent big =
        hub.publish(
            "jobs",
            "job.failed",
            null,
            Map.of("id", "job-2", "error_message", "é".repeat(Broadcast.MAX_BYTES)));
    String m = EventRelay.encode(big, 2);
    assertThat(m).isNotNull();
    assertThat(m.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Broadcast.MAX_BYTES);
    assertThat(m).contains("\"truncated\":true").contains("\"id\":\"job-2\"");
  }

  @Test
  void aMessageItCannotReadIsSkipped() {
    EventHub hub = new EventHub(clock);
    EventRelay relay = EventRelay.start(hub, Broadcast.NONE);
    relay.receive("not json");
    relay.receive("{\"channel\":\"jobs\"}");
    relay.receive("{\"channel\":\"jobs\",\"type\":\"x\",\"at\":\"yesterday\",\"data\":{}}");
    assertThat(hub.recent()).isEmpty();
    assertThat(relay.received()).isZero();
  }
}
