package dev.baton.worker.sdk;

import java.time.Duration;

/** Workers with timings shrunk so the protocol loops turn over in milliseconds. */
final class TestWorkers {
  private TestWorkers() {}

  static WorkerBuilder fast(FakeOrchestrator fake, String workerId) {
    return Worker.builder(fake.uri(), workerId)
        .token(FakeOrchestrator.TOKEN)
        .heartbeatInterval(Duration.ofMillis(50))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(40))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .drainTimeout(Duration.ofSeconds(5));
  }
}
