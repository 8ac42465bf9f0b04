package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.Engine;
import dev.baton.server.access.RateLimiter;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Avtomatika's worker rate limit: per worker (else per IP) and per path, in a fixed window. */
class RateLimitTest {
  static final String TOO_MANY = "{\"error\":\"Too Many Requests\"}";

  /** A server over an engine whose clock the test moves; the limiter reads the engine's clock. */
  static final class Rig implements AutoCloseable {
    final ManualClock clock;
    final WebSocketChannel channel = new WebSocketChannel();
    final Engine engine;
    final BatonServer server;
    final HttpClient http = HttpClient.newHttpClient();

    Rig(ServerOptions options) {
      this(options, new InMemoryStore(), new ManualClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    /** A server on {@code store}, as a process started again on the same database would be. */
    Rig(ServerOptions options, InMemoryStore store, ManualClock clock) {
      this.clock = clock;
      engine = Engine.builder(store).clock(clock).workerChannel(channel).build();
      server = BatonServer.start(engine, channel, options);
    }

    int send(String method, String path, @Nullable String body, String token) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .timeout(Duration.ofSeconds(10))
              .method(
                  method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
              .header("X-Worker-Token", token);
      try {
        HttpResponse<String> r = http.send(b.build(), BodyHandlers.ofString());
        if (r.statusCode() == 429) {
          assertThat(r.body()).isEqualTo(TOO_MANY);
        }
        return r.statusCode();
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    int register(String workerId) {
      return send(
          "POST",
          "/_worker/workers/register",
          "{\"worker_id\":\"" + workerId + "\",\"supported_tasks\":[\"greet\"]}",
          TestServer.TOKEN);
    }

    int heartbeat(String workerId) {
      return send("PATCH", "/_worker/workers/" + workerId, null, TestServer.TOKEN);
    }

    int next(String workerId) {
      return send("GET", "/_worker/workers/" + workerId + "/tasks/next", null, TestServer.TOKEN);
    }

    @Override
    public void close() {
      server.close();
      engine.close();
    }
  }

  static ServerOptions options() {
    return ServerOptions.DEFAULTS
        .withHost("127.0.0.1")
        .withPort(0)
        .withPollTimeout(Duration.ZERO)
        .withRateLimiting(true);
  }

  @Nested
  class UpstreamDefaults {
    final Rig rig = new Rig(options());

    @AfterEach
    void close() {
      rig.close();
    }

    @Test
    void fiveRequestsPerWorkerAndPathThen429UntilTheWindowPasses() {
      assertThat(rig.register("w1")).isEqualTo(200);
      assertThat(rig.register("w2")).isEqualTo(200);
      for (int i = 0; i < 5; i++) {
        assertThat(rig.heartbeat("w1")).as("heartbeat %d", i + 1).isEqualTo(200);
      }
      assertThat(rig.heartbeat("w1")).isEqualTo(429);
      assertThat(rig.heartbeat("w1")).isEqualTo(429);

      assertThat(rig.heartbeat("w2")).as("another worker").isEqualTo(200);
      assertThat(rig.next("w1")).as("another path of the same worker").isEqualTo(204);

      rig.clock.advance(Duration.ofSeconds(59));
      assertThat(rig.heartbeat("w1")).as("still in the window").isEqualTo(429);
      rig.clock.advance(Duration.ofSeconds(1));
      assertThat(rig.heartbeat("w1")).as("a new window").isEqualTo(200);
    }

    @Test
    void routesWithoutAWorkerInThePathCountByAddress() {
      for (int i = 0; i < 5; i++) {
        assertThat(rig.register("r" + i)).isEqualTo(200);
      }
      assertThat(rig.register("r5")).as("same address, same path").isEqualTo(429);
      assertThat(rig.heartbeat("r0")).isEqualTo(200);
    }

    @Test
    void aRefusedTokenUsesNoneOfTheWorkersBudget() {
      // Issue 15: five bad-token requests a minute used to lock the real worker out.
      assertThat(rig.register("x")).isEqualTo(200);
      for (int i = 0; i < 20; i++) {
        assertThat(rig.send("PATCH", "/_worker/workers/x", null, "wrong")).isEqualTo(401);
      }
      assertThat(rig.heartbeat("x")).isEqualTo(200);
    }
  }

  @Nested
  class Configured {
    @Test
    void theLimitAndTheWindowCanBeChanged() {
      try (Rig rig = new Rig(options().withRateLimit(2, Duration.ofSeconds(10)))) {
        assertThat(rig.register("w1")).isEqualTo(200);
        assertThat(rig.heartbeat("w1")).isEqualTo(200);
        assertThat(rig.heartbeat("w1")).isEqualTo(200);
        assertThat(rig.heartbeat("w1")).isEqualTo(429);
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.heartbeat("w1")).isEqualTo(200);
      }
    }

    @Test
    void theCountIsTheStoresSoAServerStartedAgainOnItKeepsTheWindow() {
      InMemoryStore store = new InMemoryStore();
      ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
      ServerOptions twice = options().withRateLimit(2, Duration.ofSeconds(10));
      try (Rig first = new Rig(twice, store, clock)) {
        assertThat(first.register("w1")).isEqualTo(200);
        assertThat(first.heartbeat("w1")).isEqualTo(200);
        assertThat(first.heartbeat("w1")).isEqualTo(200);
      }
      try (Rig again = new Rig(twice, store, clock)) {
        assertThat(again.heartbeat("w1")).as("the window the first server counted").isEqualTo(429);
        clock.advance(Duration.ofSeconds(10));
        assertThat(again.heartbeat("w1")).isEqualTo(200);
      }
    }

    @Test
    void turnedOffNothingIsCountedInTheStore() {
      InMemoryStore store = new InMemoryStore();
      ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
      try (Rig rig = new Rig(options().withRateLimiting(false), store, clock)) {
        assertThat(rig.register("w1")).isEqualTo(200);
        assertThat(rig.heartbeat("w1")).isEqualTo(200);
      }
      // A limit of one still has its whole window: no request was counted against it.
      assertThat(
              store.countRequest(
                  "worker w1 /_worker/workers/w1", clock.instant(), Duration.ofSeconds(60), 1))
          .isTrue();
    }

    @Test
    void turnedOffNothingIsLimited() {
      try (Rig rig = new Rig(options().withRateLimiting(false))) {
        assertThat(rig.register("w1")).isEqualTo(200);
        assertThat(rig.register("x")).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
          assertThat(rig.heartbeat("w1")).isEqualTo(200);
        }
      }
    }

    @Test
    void badOptionsAreRefused() {
      assertThatThrownBy(() -> options().withRateLimit(0, Duration.ofSeconds(1)))
          .hasMessageContaining("at least 1");
      assertThatThrownBy(() -> options().withRateLimit(1, Duration.ZERO))
          .hasMessageContaining("must be positive");
    }
  }

  @Nested
  class Limiter {
    final ManualClock clock = new ManualClock(Instant.EPOCH);

    @Test
    void keysWhoseWindowPassedAreDropped() {
      RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(60), clock);
      assertThat(limiter.tryAcquire("a")).isTrue();
      assertThat(limiter.tryAcquire("a")).isFalse();
      assertThat(limiter.tryAcquire("b")).isTrue();
      assertThat(limiter.keys()).isEqualTo(2);
      clock.advance(Duration.ofSeconds(60));
      assertThat(limiter.tryAcquire("c")).isTrue();
      assertThat(limiter.keys()).isEqualTo(1);
      assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void theNumberOfKeysIsBounded() {
      RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1), clock);
      for (int i = 0; i <= RateLimiter.MAX_KEYS; i++) {
        if (i % 1000 == 0) {
          clock.advance(Duration.ofMillis(1));
        }
        limiter.tryAcquire("k" + i);
      }
      assertThat(limiter.keys()).isLessThanOrEqualTo(RateLimiter.MAX_KEYS);
      assertThat(limiter.tryAcquire("k" + RateLimiter.MAX_KEYS))
          .as("the newest keys are kept")
          .isFalse();
    }

    @Test
    void theCountStopsAtTheLimitWhileRefusing() {
      RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1), clock);
      for (int i = 0; i < 3; i++) {
        assertThat(limiter.tryAcquire("a")).isTrue();
      }
      for (int i = 0; i < 100; i++) {
        assertThat(limiter.tryAcquire("a")).isFalse();
      }
      clock.advance(Duration.ofSeconds(1));
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
  }
}
