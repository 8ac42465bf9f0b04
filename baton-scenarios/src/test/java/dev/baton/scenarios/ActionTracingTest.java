package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.engine.EngineObserver;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.store.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each action a run runs is an activity of the engine's observer in the run's job's trace; a nested
 * action continues the action it is nested in; a failed action fails its activity.
 */
class ActionTracingTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String JOB_TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  @TempDir Path dir;
  @Nullable Rig rig;
  final List<String> seen = new CopyOnWriteArrayList<>();

  /** Gives every new job the same trace and records what is begun, failed and closed. */
  final EngineObserver observer =
      new EngineObserver() {
        @Override
        public @Nullable String opening(Job draft) {
          return JOB_TRACEPARENT;
        }

        @Override
        public Activity begin(String name, @Nullable String parent, Map<String, String> attrs) {
          seen.add(
              name
                  + " parent="
                  + parent
                  + " scenario="
                  + attrs.get("baton.scenario")
                  + " type="
                  + attrs.get("baton.action.type")
                  + " job="
                  + attrs.get("baton.job.id"));
          return new Activity() {
            @Override
            public @Nullable String traceparent() {
              return null;
            }

            @Override
            public void failed(String reason) {
              seen.add("failed " + name + ": " + reason);
            }

            @Override
            public void close() {
              seen.add("closed " + name);
            }
          };
        }
      };

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void actionsAreActivitiesOfTheRunsTrace() throws Exception {
    Files.writeString(
        dir.resolve("traced.json"),
        """
        {"name": "traced", "trigger": {"type": "manual"}, "actions": [
          {"type": "evaluate_condition", "condition": {"client_state": {"client": "c1", "state": "STOPPED"}},
           "then": [{"type": "log_event", "message": "stopped"}],
           "else": [{"type": "log_event", "message": "runs"}]},
          {"type": "http_request", "url": "http://127.0.0.1:1/nowhere", "timeout": "2s"},
          {"type": "log_event", "message": "not reached"}]}
        """);
    Rig r = new Rig(new InMemoryStore(), Clock.systemUTC(), 1, Map.of(), dir, false, false);
    rig = r;
    r.engine.addObserver(observer);

    String id = r.scenarios.run("traced", Map.of()).id();
    await().atMost(Duration.ofSeconds(20)).until(() -> r.job(id).status().isTerminal());

    assertThat(r.job(id).status()).isEqualTo(JobStatus.FAILED);
    assertThat(EngineObserver.traceparent(r.job(id))).isEqualTo(JOB_TRACEPARENT);
    List<String> actions = seen.stream().filter(s -> s.contains("scenario action")).toList();
    String attrs = " scenario=traced type=%s job=" + id;
    assertThat(actions)
        .containsExactly(
            "scenario action evaluate_condition parent="
                + JOB_TRACEPARENT
                + attrs.formatted("evaluate_condition"),
            // nested: a child of the action running it, the activity current on this thread
            "scenario action log_event parent=null" + attrs.formatted("log_event"),
            "closed scenario action log_event",
            "closed scenario action evaluate_condition",
            "scenario action http_request parent="
                + JOB_TRACEPARENT
                + attrs.formatted("http_request"),
            "failed scenario action http_request: http_request: GET http://127.0.0.1:1/nowhere"
                + " failed: java.net.ConnectException",
            "closed scenario action http_request");
  }
}
