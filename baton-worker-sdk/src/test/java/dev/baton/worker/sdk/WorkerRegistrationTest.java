package dev.baton.worker.sdk;

import static dev.baton.worker.sdk.FakeOrchestrator.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerRegistrationTest {
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final FakeOrchestrator fake = closeLater(new FakeOrchestrator());

  WorkerRegistrationTest() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  private Worker start(WorkerBuilder builder) {
    Worker worker = closeLater(builder.build());
    worker.start();
    return worker;
  }

  @Test
  void registersItsDescriptionWithTheWorkerToken() {
    start(
        TestWorkers.fast(fake, "gpu-1")
            .handle("resize_image", (task, ctx) -> TaskResult.success())
            .handle("ocr", (task, ctx) -> TaskResult.success())
            .resources(Map.of("gpu_info", Map.of("model", "RTX 4090", "vram_gb", 24)))
            .installedModels(List.of(Map.of("name", "whisper", "version", "3")))
            .costPerSecond(0.02)
            .reputation(0.9)
            .attribute("hot_cache", List.of("ocr"))
            .attribute("worker_id", "not-me"));

    await().until(() -> !fake.registrations.isEmpty());
    assertThat(fake.registrations.getFirst())
        .containsEntry("worker_id", "gpu-1")
        .containsEntry("supported_tasks", List.of("ocr", "resize_image"))
        .containsEntry("status", "idle")
        .containsEntry("load", 0)
        .containsEntry("capabilities", Map.of("websockets", false))
        .containsEntry("resources", Map.of("gpu_info", Map.of("model", "RTX 4090", "vram_gb", 24)))
        .containsEntry("installed_models", List.of(Map.of("name", "whisper", "version", "3")))
        .containsEntry("cost_per_second", 0.02)
        .containsEntry("reputation", 0.9)
        .containsEntry("hot_cache", List.of("ocr"));
    await().until(() -> fake.polls.get() > 0 && !fake.heartbeats.isEmpty());
    assertThat(fake.unauthorized).hasValue(0);
  }

  @Test
  void heartbeatReportsLoadAndReregistersWhenForgotten() {
    start(TestWorkers.fast(fake, "w1").handle("t", (task, ctx) -> TaskResult.success()));
    await().until(() -> fake.heartbeats.size() >= 2);
    assertThat(fake.heartbeats.getFirst()).containsEntry("load", 0).containsEntry("status", "idle");

    fake.forget("w1");

    await().until(() -> fake.registrations.size() == 2);
    int beats = fake.heartbeats.size();
    await().until(() -> fake.heartbeats.size() > beats);
  }

  @Test
  void startsWhileTheOrchestratorIsDownAndRegistersOnceItIsUp() throws Exception {
    int port = fake.port();
    fake.close();
    Worker worker =
        start(
            TestWorkers.fast(fake, "early")
                .handle("t", (task, ctx) -> TaskResult.success(Map.of("n", 1))));
    assertThat(worker.load()).isZero();

    FakeOrchestrator revived = closeLater(new FakeOrchestrator(port));
    revived.enqueue("t1", "t", Map.of());

    await().until(() -> revived.registrations.size() == 1 && revived.results.size() == 1);
  }

  @Test
  void worksWithoutTheWebsocketWhenItCannotConnect() {
    Worker worker =
        start(
            TestWorkers.fast(fake, "w1")
                .websocket(true)
                .handle(
                    "t",
                    (task, ctx) -> {
                      ctx.progress(0.5, "halfway");
                      return TaskResult.success(Map.of("ok", true));
                    }));
    fake.enqueue("t1", "t", Map.of());

    await().until(() -> fake.results.size() == 1);
    assertThat(fake.registrations.getFirst())
        .containsEntry("capabilities", Map.of("websockets", true));
    assertThat(map(fake.results.getFirst().get("result"))).containsEntry("status", "success");
    assertThat(worker.websocketConnected()).isFalse();
  }

  @Test
  void builderRejectsIncompleteConfiguration() {
    URI uri = URI.create("http://localhost:8080");
    TaskHandler ok = (task, ctx) -> TaskResult.success();
    assertThatThrownBy(() -> Worker.builder(uri, "w").handle("t", ok).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(() -> Worker.builder(uri, "w").token("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("handler");
    assertThatThrownBy(() -> Worker.builder(uri, "w").handle("t", ok).handle("t", ok))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Worker.builder(URI.create("ftp://x"), "w"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Worker.builder(uri, "w").concurrency(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
