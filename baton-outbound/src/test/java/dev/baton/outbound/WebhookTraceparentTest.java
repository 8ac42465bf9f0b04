package dev.baton.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.EngineObserver;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A traced delivery sends its own trace context to the receiver; an untraced one sends none. */
class WebhookTraceparentTest {
  static final String DELIVERY = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final Store store = new InMemoryStore();
  final Receiver receiver;

  WebhookTraceparentTest() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void close() throws Exception {
    receiver.close();
    store.close();
  }

  /** Its activities' own context is {@link #DELIVERY}. */
  final EngineObserver observer =
      new EngineObserver() {
        @Override
        public Activity begin(String name, @Nullable String parent, Map<String, String> attrs) {
          return new Activity() {
            @Override
            public String traceparent() {
              return DELIVERY;
            }

            @Override
            public void failed(String reason) {}

            @Override
            public void close() {}
          };
        }
      };

  @Test
  void aTracedDeliverySendsItsTraceparent() {
    receiver.respond("/hook", 200);
    NoticeDelivery delivery =
        NoticeDelivery.create(
                store, new ManualClock(T0), NoticeDeliveryTest.local(DeliveryOptions.DEFAULTS))
            .observedBy(observer, store::job);
    NoticeDeliveryTest.owe(store, "n1", "job-1", receiver.url("/hook"), T0);

    assertThat(delivery.deliverDue()).isEqualTo(1);
    assertThat(receiver.hits("/hook"))
        .singleElement()
        .extracting(Receiver.Hit::traceparent)
        .isEqualTo(DELIVERY);
    delivery.close();
  }

  @Test
  void anUntracedDeliverySendsNone() {
    receiver.respond("/hook", 200);
    NoticeDelivery delivery =
        NoticeDelivery.create(
            store, new ManualClock(T0), NoticeDeliveryTest.local(DeliveryOptions.DEFAULTS));
    NoticeDeliveryTest.owe(store, "n1", "job-1", receiver.url("/hook"), T0);

    assertThat(delivery.deliverDue()).isEqualTo(1);
    assertThat(receiver.hits("/hook"))
        .singleElement()
        .extracting(Receiver.Hit::traceparent)
        .isNull();
    delivery.close();
  }
}
