package dev.baton.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.EngineObserver;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each delivery attempt is an activity of the observer, failed when the receiver fails. */
class NoticeTracingTest {
  final Store store = new InMemoryStore();
  final Receiver receiver;
  final List<String> seen = new ArrayList<>();

  NoticeTracingTest() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void close() throws Exception {
    receiver.close();
    store.close();
  }

  final EngineObserver observer =
      new EngineObserver() {
        @Override
        public Activity begin(String name, @Nullable String parent, Map<String, String> attrs) {
          seen.add(
              name
                  + " "
                  + attrs.get("baton.notice.id")
                  + " #"
                  + attrs.get("baton.webhook.attempt"));
          return new Activity() {
            @Override
            public @Nullable String traceparent() {
              return null;
            }

            @Override
            public void failed(String reason) {
              seen.add("failed: " + reason);
            }

            @Override
            public void close() {
              seen.add("closed");
            }
          };
        }
      };

  @Test
  void anAttemptIsAnActivityThatFailsWithTheReceiver() {
    receiver.respond("/flaky", 500, 200);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    NoticeDelivery delivery =
        NoticeDelivery.create(
                store, new ManualClock(t0), NoticeDeliveryTest.local(DeliveryOptions.DEFAULTS))
            .observedBy(observer, store::job);
    NoticeDeliveryTest.owe(store, "n1", "job-1", receiver.url("/flaky"), t0);

    assertThat(delivery.deliverDue()).isEqualTo(1);
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isEqualTo("webhook job_finished n1 #1");
    assertThat(seen.get(1)).startsWith("failed: ");
    assertThat(seen.get(2)).isEqualTo("closed");
    delivery.close();
  }
}
