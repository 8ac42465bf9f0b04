package dev.baton.outbound;

import static dev.baton.outbound.NoticeDeliveryTest.T0;
import static dev.baton.outbound.NoticeDeliveryTest.owe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deliveries are counted by outcome, and the outbox's age follows its oldest pending notice. */
class NoticeMetersTest {
  final ManualClock clock = new ManualClock(T0);
  final Store store = new InMemoryStore();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  Receiver receiver;

  @AfterEach
  void tearDown() {
    if (receiver != null) {
      receiver.close();
    }
    store.close();
  }

  @Test
  void attemptsAreCountedByOutcomeAndTheOutboxAgeIsTheOldestPendingNotice() throws Exception {
    receiver = new Receiver().respond("/flaky", 500, 200).respond("/down", 500);
    try (NoticeDelivery delivery =
        NoticeDelivery.create(
                store,
                clock,
                NoticeDeliveryTest.local(DeliveryOptions.DEFAULTS)
                    .withRetries(2, Duration.ofSeconds(2), 2.0))
            .meteredBy(registry)) {
      assertThat(age()).as("nothing pending").isZero();
      owe(store, "n1", "job-1", receiver.url("/flaky"), T0);
      owe(store, "n2", "job-2", receiver.url("/down"), T0);
      clock.advance(Duration.ofSeconds(7));
      assertThat(age()).isEqualTo(7.0);

      assertThat(delivery.deliverDue()).isEqualTo(2);
      assertThat(deliveries("failed")).isEqualTo(2.0);
      assertThat(age()).as("both failed once and still pend").isEqualTo(7.0);

      clock.advance(Duration.ofSeconds(3));
      assertThat(delivery.deliverDue()).isEqualTo(2);
      assertThat(deliveries("delivered")).isEqualTo(1.0);
      assertThat(deliveries("abandoned")).isEqualTo(1.0);
      assertThat(deliveries("failed")).isEqualTo(2.0);
      assertThat(age()).as("nothing pending any more").isZero();
    }
  }

  private double deliveries(String outcome) {
    return registry.get("baton.webhook.deliveries").tag("outcome", outcome).counter().count();
  }

  private double age() {
    return registry.get("baton.webhook.outbox.oldest.age").gauge().value();
  }
}
