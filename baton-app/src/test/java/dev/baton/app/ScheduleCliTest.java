package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton schedules ...} against a running Baton. */
class ScheduleCliTest {
  @TempDir Path dir;
  TestApp app;
  final CliRun cli = new CliRun();

  @BeforeEach
  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("../examples/blueprints/hello.yaml"), blueprints.resolve("hello.yaml"));
    app = TestApp.start(dir.resolve("data"), blueprints, Map.of());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  int baton(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[1].equals("preview") || all.size() > 2 && !all.get(2).startsWith("--")) {
      all.add("--server");
      all.add("http://127.0.0.1:" + app.port());
    }
    return cli.run(all.toArray(String[]::new));
  }

  String out() {
    return cli.out();
  }

  String err() {
    return cli.err();
  }

  @Test
  void aScheduleIsManagedFromTheCommandLine() {
    assertThat(
            baton(
                "schedules",
                "create",
                "nightly",
                "--blueprint",
                "hello",
                "--input",
                "{\"name\":\"Ada\"}",
                "--cron",
                "30 2 * * *",
                "--timezone",
                "Europe/Warsaw",
                "--overlap",
                "queue",
                "-o",
                "json"))
        .as(err())
        .isZero();
    assertThat(out()).contains("\"name\" : \"nightly\"").contains("\"overlap\" : \"queue\"");
    assertThat(baton("schedules", "list")).isZero();
    assertThat(out()).contains("nightly");
    assertThat(baton("schedules", "update", "nightly", "--daily-at", "04:00", "-o", "json"))
        .as(err())
        .isZero();
    assertThat(out()).contains("\"daily_at\" : \"04:00\"");
    assertThat(baton("schedules", "pause", "nightly")).isZero();
    assertThat(out()).containsPattern("enabled +false");
    assertThat(baton("schedules", "resume", "nightly")).isZero();
    assertThat(baton("schedules", "trigger", "nightly")).isZero();
    assertThat(out()).containsPattern("outcome +triggered");
    assertThat(baton("schedules", "runs", "nightly")).isZero();
    assertThat(out()).contains("triggered");
    assertThat(baton("schedules", "preview", "nightly", "--count", "2")).isZero();
    assertThat(out().lines()).hasSize(2).allMatch(l -> l.contains("T04:00+"));
    assertThat(baton("schedules", "preview", "nightly", "--count", "2", "-o", "json")).isZero();
    assertThat(out()).contains("fire_times");
    assertThat(baton("schedules", "delete", "nightly")).isZero();
    assertThat(baton("schedules", "show", "nightly")).isEqualTo(1);
    assertThat(err()).contains("Schedule not found");
  }

  @Test
  void aBadScheduleFailsWithTheServersMessage() {
    assertThat(baton("schedules", "create", "x", "--blueprint", "hello", "--cron", "0 24 * * *"))
        .isEqualTo(1);
    assertThat(err()).contains("hour");
  }

  @Test
  void previewOfATimingNeedsNoServer() {
    assertThat(
            baton(
                "schedules",
                "preview",
                "--cron",
                "0 9 * * MON",
                "--timezone",
                "America/New_York",
                "--count",
                "3"))
        .as(err())
        .isZero();
    assertThat(out().lines()).hasSize(3).allMatch(l -> l.contains("09:00-0"));
    assertThat(baton("schedules", "preview", "--cron", "0 9 * *")).isEqualTo(1);
    assertThat(err()).contains("cron");
  }
}
