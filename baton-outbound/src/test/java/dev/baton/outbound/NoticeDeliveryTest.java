package dev.baton.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.job.Notice;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.Change;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.testing.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NoticeDeliveryTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Quick enough for tests that run the loop on the real clock. */
  static final DeliveryOptions FAST =
      DeliveryOptions.DEFAULTS
          .withPollInterval(Duration.ofMillis(20))
          .withRequestTimeout(Duration.ofSeconds(5))
          .withRetries(3, Duration.ofMillis(20), 2.0)
          .withCloseTimeout(Duration.ofMillis(200));

  @TempDir Path dir;
  Receiver receiver;
  final ManualClock clock = new ManualClock(T0);
  final Store store = new InMemoryStore();
  final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    receiver = new Receiver();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    receiver.close();
    store.close();
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
  }

  NoticeDelivery manual(DeliveryOptions options) {
    return keep(NoticeDelivery.create(store, clock, local(options)));
  }

  NoticeDelivery running(Store s, DeliveryOptions options) {
    return keep(NoticeDelivery.start(s, Clock.systemUTC(), local(options)));
  }

  /** The receivers here listen on 127.0.0.1, which the default target policy refuses. */
  static DeliveryOptions local(DeliveryOptions options) {
    return options.withTargets(TargetPolicy.ALLOW_PRIVATE);
  }

  <T extends AutoCloseable> T keep(T c) {
    closing.add(c);
    return c;
  }

  // ---- delivery and retries ----------------------------------------------------------------

  @Test
  void a2xxAnswerDeliversTheNoticeOnceWithItsExactPayloadAsJson() throws Exception {
    NoticeDelivery delivery = running(store, FAST);
    owe(store, "n1", "job-1", receiver.url("/hook"), Instant.now());
    delivery.wake();

    eventually().until(() -> status(store, "n1") == Notice.Status.DELIVERED);
    assertThat(receiver.hits())
        .singleElement()
        .satisfies(hit -> {
          assertThat(hit.path()).isEqualTo("/hook");
          assertThat(hit.method()).isEqualTo("POST");
          assertThat(hit.contentType()).isEqualTo("application/json");
          assertThat(hit.noticeId()).isEqualTo("n1");
          assertThat(JSON.readTree(hit.body()))
              .isEqualTo(
                  JSON.readTree(
                      """
                      {"event": "job_finished", "job_id": "job-1", "status": "finished",
                       "result": {"greeting": "Hello, Zoë! ✓", "count": 3, "ratio": 0.5,
                                  "tags": ["a", "b"], "nothing": null},
                       "error": null}
                      """));
        });
    assertThat(hitBodyKeys()).containsExactly("event", "job_id", "status", "result", "error");
    Notice done = store.notice("n1").orElseThrow();
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.lastError()).isNull();
    assertThat(delivery.deliverDue()).as("nothing is owed any more").isZero();
    assertThat(receiver.hits()).hasSize(1);
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheNoticeOnTheThirdAttemptAfter2sThen4s() {
    receiver.respond("/flaky", 500, 500, 200);
    NoticeDelivery delivery = manual(DeliveryOptions.DEFAULTS);
    owe(store, "n1", "job-1", receiver.url("/flaky"), T0);

    assertThat(delivery.deliverDue()).isEqualTo(1);
    Notice first = store.notice("n1").orElseThrow();
    assertThat(first.status()).isEqualTo(Notice.Status.PENDING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.lastError()).isEqualTo("HTTP 500");
    assertThat(first.dueAt()).isEqualTo(T0.plusSeconds(2));

    clock.advance(Duration.ofMillis(1999));
    assertThat(delivery.deliverDue()).as("not due before its backoff").isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(delivery.deliverDue()).isEqualTo(1);
    Notice second = store.notice("n1").orElseThrow();
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.dueAt()).isEqualTo(T0.plusSeconds(2 + 4));

    clock.advance(Duration.ofSeconds(4));
    assertThat(delivery.deliverDue()).isEqualTo(1);
    Notice done = store.notice("n1").orElseThrow();
    assertThat(done.status()).isEqualTo(Notice.Status.DELIVERED);
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(receiver.hits("/flaky")).hasSize(3);
  }

  @Test
  void aReceiverThatAlwaysFailsMakesTheNoticeAbandonedAfterThreeAttemptsWithTheLastError() {
    receiver.respond("/down", 500, 502, 503);
    NoticeDelivery delivery = manual(DeliveryOptions.DEFAULTS);
    owe(store, "n1", "job-1", receiver.url("/down"), T0);

    for (int i = 0; i < 3; i++) {
      assertThat(delivery.deliverDue()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(10));
    }
    Notice n = store.notice("n1").orElseThrow();
    assertThat(n.status()).isEqualTo(Notice.Status.ABANDONED);
    assertThat(n.attempts()).isEqualTo(3);
    assertThat(n.lastError()).isEqualTo("HTTP 503");
    clock.advance(Duration.ofHours(1));
    assertThat(delivery.deliverDue()).as("an abandoned notice is not tried again").isZero();
    assertThat(receiver.hits("/down")).hasSize(3);
  }

  @Test
  void theLoopRetriesOnItsOwnWithBackoff() {
    receiver.respond("/flaky", 500, 500, 201);
    running(store, FAST);
    owe(store, "n1", "job-1", receiver.url("/flaky"), Instant.now());

    eventually().until(() -> status(store, "n1") == Notice.Status.DELIVERED);
    assertThat(store.notice("n1").orElseThrow().attempts()).isEqualTo(3);
    assertThat(receiver.hits("/flaky")).hasSize(3);
  }

  @Test
  void anUnreachableReceiverIsAFailureWithAClearError() throws Exception {
    String closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = "http://127.0.0.1:" + gone.getLocalPort() + "/hook";
    }
    NoticeDelivery delivery = manual(DeliveryOptions.DEFAULTS.withRetries(1, Duration.ZERO, 1));
    owe(store, "n1", "job-1", closedPort, T0);
    delivery.deliverDue();
    Notice n = store.notice("n1").orElseThrow();
    assertThat(n.status()).isEqualTo(Notice.Status.ABANDONED);
    assertThat(n.lastError()).startsWith("could not connect");
  }

  // ---- targets -----------------------------------------------------------------------------

  @Test
  void aTargetThatIsNotAnHttpUrlIsAbandonedAtOnce() {
    NoticeDelivery delivery = manual(DeliveryOptions.DEFAULTS);
    List<String> targets =
        List.of(
            "ftp://127.0.0.1/hook",
            "file:///etc/passwd",
            "mailto:ops@example.com",
            "jar:file:/x.jar!/a",
            "/relative/hook",
            "http:///no-host",
            "not a url");
    for (int i = 0; i < targets.size(); i++) {
      owe(store, "n" + i, "job-1", targets.get(i), T0);
    }
    assertThat(delivery.deliverDue()).isEqualTo(targets.size());
    assertThat(store.noticesOf("job-1"))
        .hasSize(targets.size())
        .allSatisfy(n -> {
          assertThat(n.status()).isEqualTo(Notice.Status.ABANDONED);
          assertThat(n.attempts()).isEqualTo(1);
          assertThat(n.lastError())
              .startsWith("target is not an http or https URL: ")
              .endsWith(n.target());
        });
    assertThat(receiver.hits()).isEmpty();
  }

  @Test
  void aRedirectIsAFailureAndIsNeverFollowed() {
    receiver.redirect("/moved", receiver.url("/elsewhere"));
    receiver.redirect("/sneaky", "file:///etc/passwd");
    NoticeDelivery delivery = manual(DeliveryOptions.DEFAULTS);
    owe(store, "a", "job-1", receiver.url("/moved"), T0);
    owe(store, "b", "job-1", receiver.url("/sneaky"), T0);
    assertThat(delivery.deliverDue()).isEqualTo(2);
    assertThat(store.notice("a").orElseThrow().lastError()).isEqualTo("HTTP 302");
    assertThat(store.notice("b").orElseThrow().lastError()).isEqualTo("HTTP 302");
    assertThat(receiver.hits()).extracting(Receiver.Hit::path).containsOnly("/moved", "/sneaky");
  }

  @Test
  void targetsAreCheckedAndRedactedForLogs() {
    assertThat(WebhookTarget.httpTarget("HTTPS://Example.com:8443/hook?token=s3cret")).isNotNull();
    assertThat(WebhookTarget.httpTarget("gopher://example.com")).isNull();
    assertThat(
            WebhookTarget.redact(
                WebhookTarget.httpTarget("https://user:pw@example.com:8443/hook?token=s3cret#x")))
        .isEqualTo("https://example.com:8443/hook");
  }

  // ---- concurrency, waking and closing -----------------------------------------------------

  @Test
  void aReceiverThatNeverAnswersDoesNotDelayAHealthyOne() {
    receiver.hang("/hang");
    NoticeDelivery delivery =
        running(store, FAST.withRequestTimeout(Duration.ofSeconds(60)).withConcurrency(4));
    Instant now = Instant.now();
    owe(store, "slow", "job-1", receiver.url("/hang"), now.minusSeconds(1)); // claimed first
    eventually().until(() -> receiver.hits("/hang").size() == 1);
    owe(store, "fast", "job-2", receiver.url("/ok"), now);
    delivery.wake();

    eventually()
        .atMost(Duration.ofSeconds(3))
        .until(() -> status(store, "fast") == Notice.Status.DELIVERED);
    Notice slow = store.notice("slow").orElseThrow();
    assertThat(slow.status()).isEqualTo(Notice.Status.PENDING);
    assertThat(slow.attempts()).as("still under way").isZero();
  }

  @Test
  void deliveriesAreBoundedAndASilentReceiverTimesOut() {
    receiver.hang("/hang");
    NoticeDelivery delivery =
        manual(
            DeliveryOptions.DEFAULTS
                .withConcurrency(2)
                .withRequestTimeout(Duration.ofMillis(300))
                .withRetries(3, Duration.ofSeconds(2), 2.0));
    for (String id : List.of("a", "b", "c")) {
      owe(store, id, "job-1", receiver.url("/hang"), T0);
    }
    assertThat(delivery.deliverDue()).as("one per free slot").isEqualTo(2);
    assertThat(store.noticesOf("job-1"))
        .extracting(Notice::id, Notice::attempts, Notice::lastError)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 1, "no answer within 300 ms"),
            org.assertj.core.groups.Tuple.tuple("b", 1, "no answer within 300 ms"),
            org.assertj.core.groups.Tuple.tuple("c", 0, null));
    assertThat(delivery.deliverDue()).as("the slots are free again").isEqualTo(1);
  }

  @Test
  void wakeStartsADeliveryWithoutWaitingForThePollAndTheLoopDoesNotSpin() {
    AtomicInteger claims = new AtomicInteger();
    Store counting = counting(store, claims);
    NoticeDelivery delivery = running(counting, FAST.withPollInterval(Duration.ofHours(1)));
    // Owe only after the loop's first look: then only wake() can start the delivery in time.
    eventually().until(() -> claims.get() >= 1);
    owe(store, "n1", "job-1", receiver.url("/hook"), Instant.now());
    delivery.wake();
    eventually()
        .atMost(Duration.ofSeconds(5))
        .until(() -> status(store, "n1") == Notice.Status.DELIVERED);
    assertThat(claims.get()).as("a look per wake-up, no busy loop").isLessThanOrEqualTo(4);
  }

  /** The store, counting the calls to claimNotices. */
  static Store counting(Store store, AtomicInteger claims) {
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (method.getName().equals("claimNotices")) {
                claims.incrementAndGet();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void closeStopsPromptlyAndLeavesAnUnfinishedNoticeDueForTheNextStart() {
    receiver.hang("/hang");
    NoticeDelivery delivery =
        NoticeDelivery.start(
            store,
            Clock.systemUTC(),
            local(FAST)
                .withRequestTimeout(Duration.ofSeconds(60))
                .withCloseTimeout(Duration.ofMillis(100)));
    owe(store, "n1", "job-1", receiver.url("/hang"), Instant.now());
    eventually().until(() -> receiver.hits("/hang").size() == 1);
    Instant leased = store.notice("n1").orElseThrow().dueAt();

    long started = System.nanoTime();
    delivery.close();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(2));

    Notice n = store.notice("n1").orElseThrow();
    assertThat(n.status()).isEqualTo(Notice.Status.PENDING);
    assertThat(n.attempts()).as("a cut-short attempt is not counted").isZero();
    assertThat(n.dueAt()).as("released from its lease").isBefore(leased);
    delivery.wake(); // harmless after close
    delivery.close(); // and so is a second close
  }

  // ---- durability ---------------------------------------------------------------------------

  @Test
  void noticesOwedWhenTheServerStoppedAreDeliveredAfterARestartOnSqlite() {
    Path file = dir.resolve("baton.db");
    Instant lease;
    try (Store before = JdbcStore.sqlite(file)) {
      owe(before, "orphaned", "job-1", receiver.url("/hook"), T0);
      owe(before, "queued", "job-2", receiver.url("/hook"), T0.plusMillis(1));
      // A deliverer that claims a notice and dies before it has delivered it:
      lease = T0.plus(DeliveryOptions.DEFAULTS.lease());
      List<Notice> claimed = before.claimNotices(T0.plusMillis(1), lease, 1);
      assertThat(claimed).extracting(Notice::id).containsExactly("orphaned");
    } // "crash": closed with nothing delivered

    try (Store after = JdbcStore.sqlite(file);
        NoticeDelivery delivery =
            NoticeDelivery.create(after, clock, local(DeliveryOptions.DEFAULTS))) {
      clock.advance(Duration.ofMillis(1));
      assertThat(delivery.deliverDue()).as("the unclaimed one at once").isEqualTo(1);
      assertThat(status(after, "queued")).isEqualTo(Notice.Status.DELIVERED);
      assertThat(status(after, "orphaned")).isEqualTo(Notice.Status.PENDING);

      clock.advance(Duration.between(clock.instant(), lease));
      assertThat(delivery.deliverDue()).as("the dead deliverer's lease ran out").isEqualTo(1);
      assertThat(status(after, "orphaned")).isEqualTo(Notice.Status.DELIVERED);
    }
    assertThat(receiver.hits())
        .extracting(Receiver.Hit::noticeId)
        .containsExactly("queued", "orphaned");
  }

  @Test
  void aRunningDelivererPicksUpWhatARestartedSqliteStoreOwes() {
    Path file = dir.resolve("baton.db");
    try (Store before = JdbcStore.sqlite(file)) {
      owe(before, "owed", "job-1", receiver.url("/hook"), Instant.now());
    }
    Store after = keep(JdbcStore.sqlite(file));
    running(after, FAST);
    eventually().until(() -> status(after, "owed") == Notice.Status.DELIVERED);
    assertThat(receiver.hits()).hasSize(1);
  }

  // ---- with the engine ---------------------------------------------------------------------

  @Test
  void anEngineJobWithAWebhookReportsItsEndThroughTheDeliverer() throws Exception {
    NoticeDelivery delivery = running(store, FAST.withPollInterval(Duration.ofHours(1)));
    Engine engine = Engine.builder(store).listener(job -> delivery.wake()).build();
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    engine.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("greet")));
    String hook = receiver.url("/hook");

    Job ok =
        engine.createJob(
            NewJob.of("hello", Map.of()).withAttributes(JobAttributes.NONE.withWebhookUrl(hook)));
    Task t = engine.poll("w1", 1, Duration.ZERO).get(0);
    engine.complete(t.id(), "w1", TaskResult.success(Map.of("greeting", "Hello, Ada!")));
    Job bad =
        engine.createJob(
            NewJob.of("hello", Map.of()).withAttributes(JobAttributes.NONE.withWebhookUrl(hook)));
    Task t2 = engine.poll("w1", 1, Duration.ZERO).get(0);
    engine.complete(
        t2.id(), "w1", TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "broken")));

    eventually().until(() -> receiver.hits().size() == 2);
    Map<String, JsonNode> byJob = new LinkedHashMap<>();
    for (Receiver.Hit h : receiver.hits()) {
      JsonNode body = JSON.readTree(h.body());
      byJob.put(body.get("job_id").asString(), body);
    }
    JsonNode finished = byJob.get(ok.id());
    assertThat(finished.get("event").asString()).isEqualTo("job_finished");
    assertThat(finished.get("status").asString()).isEqualTo("finished");
    assertThat(finished.get("result").get("greeting").asString()).isEqualTo("Hello, Ada!");
    assertThat(finished.get("error").isNull()).isTrue();
    JsonNode quarantined = byJob.get(bad.id());
    assertThat(quarantined.get("event").asString()).isEqualTo("job_quarantined");
    assertThat(quarantined.get("status").asString()).isEqualTo(JobStatus.QUARANTINED.wireName());
    assertThat(quarantined.get("error").asString())
        .isEqualTo("Task failed with permanent error: broken");
    eventually()
        .until(() ->
            store.noticesOf(ok.id()).get(0).status() == Notice.Status.DELIVERED
                && store.noticesOf(bad.id()).get(0).status() == Notice.Status.DELIVERED);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private List<String> hitBodyKeys() throws Exception {
    List<String> keys = new ArrayList<>();
    JSON.readTree(receiver.hits().get(0).body()).propertyNames().forEach(keys::add);
    return keys;
  }

  static Notice.@org.jspecify.annotations.Nullable Status status(Store s, String id) {
    return s.notice(id).map(Notice::status).orElse(null);
  }

  /** Commits a job and the notice it owes, as the engine does when a job ends. */
  static Notice owe(Store s, String id, String jobId, String target, Instant due) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("greeting", "Hello, Zoë! ✓");
    result.put("count", 3L);
    result.put("ratio", 0.5);
    result.put("tags", List.of("a", "b"));
    result.put("nothing", null);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", "job_finished");
    payload.put("job_id", jobId);
    payload.put("status", "finished");
    payload.put("result", result);
    payload.put("error", null);
    Notice n =
        new Notice(
            id, jobId, "job_finished", target, payload, Notice.Status.PENDING, 0, due, due, null);
    Change.Builder c = Change.builder();
    if (s.job(jobId).isEmpty()) {
      c.insertJob(job(jobId, due));
    }
    assertThat(s.commit(c.notice(n).build())).isTrue();
    return n;
  }

  static Job job(String id, Instant at) {
    return new Job(
        id,
        "bp",
        1,
        "finished",
        JobStatus.FINISHED,
        Map.of(),
        Map.of(),
        0,
        0,
        at,
        at,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        JobAttributes.NONE,
        1,
        null);
  }
}
