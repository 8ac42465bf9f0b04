package dev.baton.outbound;

import static dev.baton.outbound.NoticeDeliveryTest.T0;
import static dev.baton.outbound.NoticeDeliveryTest.local;
import static dev.baton.outbound.NoticeDeliveryTest.owe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.Notice;
import dev.baton.store.Change;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks, checked by a real receiver that verifies them as docs/webhooks.md says: a
 * genuine delivery passes, the same request with a changed body or replayed late is refused, and
 * each job is signed with its own client's secret or the server-wide one.
 */
class WebhookSigningTest {
  static final String ACME = "acme's webhook secret, 32+ characters long";
  static final String SERVER_WIDE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  final ManualClock clock = new ManualClock(T0);
  final Store store = new InMemoryStore();
  final java.util.ArrayList<AutoCloseable> closing = new java.util.ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    store.close();
  }

  VerifyingReceiver receiver(String secret) throws Exception {
    VerifyingReceiver r = new VerifyingReceiver(secret, clock);
    closing.add(r);
    return r;
  }

  NoticeDelivery delivery(WebhookSecrets secrets) {
    NoticeDelivery d =
        NoticeDelivery.create(
            store, clock, local(DeliveryOptions.DEFAULTS).withSecrets(secrets), store::job);
    closing.add(d);
    return d;
  }

  void jobOf(String id, @Nullable String client) {
    JobAttributes a =
        client == null
            ? JobAttributes.NONE
            : JobAttributes.NONE.withClient(JobClient.named(client, "pro", Map.of()));
    store.commit(
        Change.builder().insertJob(NoticeDeliveryTest.job(id, T0).withAttributes(a)).build());
  }

  static WebhookSecrets secrets() {
    return new WebhookSecrets(
        Map.of("acme", WebhookSecret.parse(ACME)), WebhookSecret.parse(SERVER_WIDE));
  }

  @Test
  void aSignedDeliveryIsVerifiedAndATamperedBodyOrAStaleTimestampIsRefused() throws Exception {
    VerifyingReceiver receiver = receiver(ACME);
    jobOf("job-1", "acme");
    owe(store, "n1", "job-1", receiver.url(), T0);
    assertThat(delivery(secrets()).deliverDue()).isEqualTo(1);

    assertThat(store.notice("n1").orElseThrow().status()).isEqualTo(Notice.Status.DELIVERED);
    VerifyingReceiver.Request genuine = receiver.requests.get(0);
    assertThat(genuine.refusal()).isNull();
    assertThat(genuine.answered()).isEqualTo(204);
    assertThat(genuine.headers())
        .containsEntry("webhook-id", "n1")
        .containsEntry("x-baton-notice-id", "n1")
        .containsEntry("webhook-timestamp", Long.toString(T0.getEpochSecond()));
    assertThat(genuine.headers().get("webhook-signature")).startsWith("v1,");

    byte[] tampered =
        new String(genuine.body(), StandardCharsets.UTF_8)
            .replace("\"finished\"", "\"failed\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(genuine.body());
    assertThat(replay(receiver, genuine, tampered)).isEqualTo(401);
    assertThat(receiver.requests.get(1).refusal()).isEqualTo("bad signature");

    clock.advance(Duration.ofSeconds(VerifyingReceiver.TOLERANCE_SECONDS + 1));
    assertThat(replay(receiver, genuine, genuine.body())).isEqualTo(401);
    assertThat(receiver.requests.get(2).refusal()).isEqualTo("stale timestamp");
  }

  @Test
  void eachJobIsSignedWithItsClientsSecretElseTheServerWideOne() throws Exception {
    VerifyingReceiver acme = receiver(ACME);
    VerifyingReceiver server = receiver(SERVER_WIDE);
    jobOf("of-acme", "acme");
    jobOf("of-other", "other");
    jobOf("of-nobody", null);
    owe(store, "a", "of-acme", acme.url(), T0);
    owe(store, "b", "of-other", server.url(), T0);
    owe(store, "c", "of-nobody", server.url(), T0);
    assertThat(delivery(secrets()).deliverDue()).isEqualTo(3);

    assertThat(acme.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.answered()).isEqualTo(204));
    assertThat(server.requests).hasSize(2).allSatisfy(r -> assertThat(r.refusal()).isNull());
    assertThat(store.noticesOf("of-other"))
        .extracting(Notice::status)
        .containsExactly(Notice.Status.DELIVERED);
  }

  @Test
  void aClientWithoutASecretAndNoServerWideOneGetsTheWebhookAsBefore() throws Exception {
    VerifyingReceiver receiver = receiver(ACME);
    jobOf("job-1", "other");
    Notice n = owe(store, "n1", "job-1", receiver.url(), T0);
    delivery(new WebhookSecrets(Map.of("acme", WebhookSecret.parse(ACME)), null)).deliverDue();

    VerifyingReceiver.Request r = receiver.requests.get(0);
    assertThat(r.refusal()).isEqualTo("unsigned");
    assertThat(r.headers())
        .doesNotContainKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(r.body()).isEqualTo(NoticeDeliveryTest.JSON.writeValueAsBytes(n.payload()));
  }

  @Test
  void aJobThatCannotBeReadIsNotSentUnsignedButTriedAgain() throws Exception {
    VerifyingReceiver receiver = receiver(ACME);
    jobOf("job-1", "acme");
    owe(store, "n1", "job-1", receiver.url(), T0);
    NoticeDelivery d =
        NoticeDelivery.create(
            store,
            clock,
            local(DeliveryOptions.DEFAULTS).withSecrets(secrets()),
            id -> {
              throw new IllegalStateException("the store is down");
            });
    closing.add(d);
    d.deliverDue();
    assertThat(receiver.requests).isEmpty();
    Notice n = store.notice("n1").orElseThrow();
    assertThat(n.status()).isEqualTo(Notice.Status.PENDING);
    assertThat(n.lastError())
        .isEqualTo("could not read the job to pick its webhook secret: the store is down");
  }

  @Test
  void aShortOrMalformedSecretIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> WebhookSecret.parse("short-secret"))
        .hasMessageContaining("too short: 12 characters")
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ="))
        .hasMessageContaining("too short: 5 bytes");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!"))
        .hasMessageContaining("not valid base64");
    assertThat(WebhookSecret.parse(ACME).toString()).doesNotContain(ACME);
    assertThat(secrets().toString()).doesNotContain(ACME).doesNotContain("MfKQ9r8G");
  }

  /** The receiver's own request again, with {@code body} in place of what was sent. */
  static int replay(VerifyingReceiver to, VerifyingReceiver.Request sent, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(to.url()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      b.header(h, sent.headers().get(h));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }
}
