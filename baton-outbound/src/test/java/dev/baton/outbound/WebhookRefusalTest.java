package dev.baton.outbound;

import static dev.baton.outbound.NoticeDeliveryTest.T0;
import static dev.baton.outbound.NoticeDeliveryTest.owe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Notice;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the default options a webhook to this host is refused at delivery, once and for good, with
 * the reason on the notice and a count by kind; the allowance lets the same delivery through.
 */
class WebhookRefusalTest {
  final ManualClock clock = new ManualClock(T0);
  final Store store = new InMemoryStore();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  Receiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    store.close();
  }

  @Test
  void aLoopbackTargetIsAbandonedAtOnceWithItsReasonAndCounted() {
    owe(store, "by-ip", "job-1", receiver.url("/hook"), T0);
    owe(store, "by-name", "job-2", receiver.url("/hook").replace("127.0.0.1", "localhost"), T0);
    try (NoticeDelivery d =
        NoticeDelivery.create(store, clock, DeliveryOptions.DEFAULTS).meteredBy(registry)) {
      assertThat(d.deliverDue()).isEqualTo(2);
      clock.advance(Duration.ofHours(2));
      assertThat(d.deliverDue()).as("not tried again").isZero();
    }
    assertThat(receiver.hits()).as("nothing reached the receiver").isEmpty();
    Notice byIp = store.notice("by-ip").orElseThrow();
    assertThat(byIp.status()).isEqualTo(Notice.Status.ABANDONED);
    assertThat(byIp.attempts()).isEqualTo(1);
    assertThat(byIp.lastError())
        .startsWith("refused target: 127.0.0.1 is in a loopback range (127.0.0.0/8)");
    assertThat(store.notice("by-name").orElseThrow().lastError())
        .startsWith("refused target: 'localhost' resolves to ");
    assertThat(registry.get("baton.webhook.refusals").tag("reason", "loopback").counter().count())
        .isEqualTo(2.0);
    assertThat(
            registry.get("baton.webhook.deliveries").tag("outcome", "abandoned").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void theAllowListLetsTheSameTargetThrough() {
    owe(store, "n1", "job-1", receiver.url("/hook"), T0);
    DeliveryOptions allowed =
        DeliveryOptions.DEFAULTS.withTargets(TargetPolicy.of(false, "127.0.0.0/8"));
    try (NoticeDelivery d = NoticeDelivery.create(store, clock, allowed)) {
      d.deliverDue();
    }
    assertThat(store.notice("n1").orElseThrow().status()).isEqualTo(Notice.Status.DELIVERED);
    assertThat(receiver.hits()).hasSize(1);
  }

  @Test
  void deliveredNoticesPastTheRetentionArePrunedAndZeroKeepsThem() {
    owe(store, "old", "job-1", receiver.url("/hook"), T0);
    owe(store, "failing", "job-2", "http://127.0.0.1:1/nobody", T0);
    DeliveryOptions options =
        NoticeDeliveryTest.local(DeliveryOptions.DEFAULTS).withRetention(Duration.ofDays(7));
    try (NoticeDelivery d = NoticeDelivery.create(store, clock, options);
        NoticeDelivery keeping =
            NoticeDelivery.create(store, clock, options.withRetention(Duration.ZERO))) {
      d.deliverDue();
      assertThat(d.pruneDelivered()).as("not old enough").isZero();
      clock.advance(Duration.ofDays(7).plusSeconds(1));
      assertThat(keeping.pruneDelivered()).as("retention 0 keeps them").isZero();
      assertThat(d.pruneDelivered()).isEqualTo(1);
    }
    assertThat(store.notice("old")).isEmpty();
    assertThat(store.notice("failing")).as("a pending one is kept").isPresent();
  }
}
