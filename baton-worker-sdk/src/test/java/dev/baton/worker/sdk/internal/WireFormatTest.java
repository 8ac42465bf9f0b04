package dev.baton.worker.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskHandler;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.internal.WireFormat.CancelCommand;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WireFormatTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Task task = new Task("j1", "t1", "ocr", Map.of(), Map.of());

  @Test
  void decodesATaskWithNullParamsAndNoTracingContext() {
    Task decoded =
        WireFormat.task(
            "{\"job_id\":\"j1\",\"task_id\":\"t1\",\"type\":\"ocr\",\"params\":{\"a\":[1,2],\"b\":null},"
                + "\"priority\":3}");
    Map<String, Object> params = new HashMap<>();
    params.put("a", java.util.List.of(1, 2));
    params.put("b", null);
    assertThat(decoded.params()).isEqualTo(params);
    assertThat(decoded.tracingContext()).isEmpty();
    assertThat(decoded.type()).isEqualTo("ocr");
  }

  @Test
  void rejectsATaskWithoutIds() {
    assertThatThrownBy(() -> WireFormat.task("{\"job_id\":\"j1\",\"type\":\"ocr\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task_id");
    assertThatThrownBy(() -> WireFormat.task("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsOnlyWellFormedCancelCommands() {
    assertThat(
            WireFormat.command(
                "{\"command\":\"cancel_task\",\"task_id\":\"t1\",\"job_id\":\"j1\"}"))
        .contains(new CancelCommand("t1", "j1"));
    assertThat(WireFormat.command("{\"command\":\"cancel_task\",\"task_id\":\"t1\"}"))
        .contains(new CancelCommand("t1", null));
    assertThat(WireFormat.command("{\"command\":\"cancel_task\"}")).isEmpty();
    assertThat(WireFormat.command("{\"command\":\"pause\",\"task_id\":\"t1\"}")).isEmpty();
    assertThat(WireFormat.command("[1,2]")).isEmpty();
    assertThat(WireFormat.command("{oops")).isEmpty();
  }

  @Test
  void encodesProgressClampedToTheUnitInterval() {
    assertThat(read(WireFormat.progress(task, 1.7, "done")))
        .isEqualTo(
            Map.of(
                "event", "progress_update",
                "job_id", "j1",
                "task_id", "t1",
                "progress", 1.0,
                "message", "done"));
    assertThat(read(WireFormat.progress(task, Double.NaN, "?"))).containsEntry("progress", 0.0);
  }

  @Test
  void encodesResultsWithAnErrorOnlyForFailures() {
    assertThat(read(WireFormat.result("w1", task, TaskResult.success(Map.of("x", 1)))))
        .isEqualTo(
            Map.of(
                "job_id", "j1",
                "task_id", "t1",
                "worker_id", "w1",
                "result", Map.of("status", "success", "data", Map.of("x", 1))));
    assertThat(read(WireFormat.result("w1", task, TaskResult.invalidInput("no width"))))
        .containsEntry(
            "result",
            Map.of(
                "status", "failure",
                "data", Map.of(),
                "error", Map.of("code", "INVALID_INPUT_ERROR", "message", "no width")));
  }

  @Test
  void registrationCarriesTheLoadAndExtrasCannotOverrideProtocolFields() {
    TaskHandler handler = (t, c) -> TaskResult.success();
    WorkerConfig base = TestConfigs.config(URI.create("http://x"), Map.of("ocr", handler));
    WorkerConfig config =
        new WorkerConfig(
            base.baseUri(),
            base.workerId(),
            base.token(),
            base.handlers(),
            2,
            2,
            false,
            base.heartbeatInterval(),
            base.drainTimeout(),
            base.connectTimeout(),
            base.requestTimeout(),
            base.backoffMin(),
            base.backoffMax(),
            3,
            Map.of("status", "busy", "capabilities", Map.of(), "reputation", 0.5));
    assertThat(read(WireFormat.registration(config, 2)))
        .containsEntry("status", "busy")
        .containsEntry("load", 2)
        .containsEntry("capabilities", Map.of("websockets", false))
        .containsEntry("reputation", 0.5);
  }

  @Test
  void heartbeatCarriesLoadAndStatus() {
    assertThat(read(WireFormat.heartbeat(2, true))).isEqualTo(Map.of("load", 2, "status", "busy"));
  }

  @Test
  void theSdksHeartbeatNamesTheTasksItRuns() {
    assertThat(read(WireFormat.heartbeat(java.util.Set.of("t2", "t1"), false)))
        .isEqualTo(
            Map.of("load", 2, "status", "idle", "running_tasks", java.util.List.of("t1", "t2")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String json) {
    return JSON.readValue(json, Map.class);
  }
}
