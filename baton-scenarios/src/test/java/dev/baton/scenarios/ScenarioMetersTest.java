package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs by trigger, actions by result and cooldown skips, on ticks by hand. */
class ScenarioMetersTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  Rig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aTickStartsARunItsActionIsCountedAndTheNextTickIsHeldBackByTheCooldown() throws Exception {
    Files.writeString(
        dir.resolve("a.json"),
        """
        {"name": "tidy", "cooldown": 60, "trigger": {"type": "automatic"},
         "actions": [{"type": "log_event", "message": "tidied"}]}
        """);
    rig = new Rig(new InMemoryStore(), clock, 1, Map.of(), dir, false, false);
    rig.scenarios.meteredBy(registry);
    assertThat(runs("automatic")).as("registered before the first run").isZero();
    assertThat(actions("log_event", "success")).isZero();

    rig.scenarios.tick();
    assertThat(runs("automatic")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> actions("log_event", "success") == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            rig.scenarios.status().stream().allMatch(s -> ((List<?>) s.get("running")).isEmpty()));
    assertThat(cooldowns()).isZero();

    rig.scenarios.tick();
    assertThat(cooldowns()).isEqualTo(1);
    assertThat(runs("automatic")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));
    rig.scenarios.tick();
    assertThat(runs("automatic")).isEqualTo(2);
    assertThat(cooldowns()).isEqualTo(1);
  }

  private double runs(String trigger) {
    return registry
        .get("baton.scenario.runs")
        .tag("scenario", "tidy")
        .tag("trigger", trigger)
        .counter()
        .count();
  }

  private double actions(String type, String result) {
    return registry
        .get("baton.scenario.actions")
        .tag("type", type)
        .tag("result", result)
        .counter()
        .count();
  }

  private double cooldowns() {
    return registry.get("baton.scenario.cooldown.skips").tag("scenario", "tidy").counter().count();
  }
}
