package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.TaskHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

final class TestConfigs {
  static final String TOKEN = dev.baton.worker.sdk.FakeOrchestrator.TOKEN;

  private TestConfigs() {}

  static WorkerConfig config(URI base, Map<String, TaskHandler> handlers) {
    return new WorkerConfig(
        base,
        "w1",
        TOKEN,
        handlers,
        2,
        2,
        true,
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofMillis(10),
        Duration.ofMillis(40),
        3,
        Map.of());
  }

  static HttpClient http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }
}
