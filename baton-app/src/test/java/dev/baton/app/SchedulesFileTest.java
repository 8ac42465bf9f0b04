package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.job.TaskSpec;
import dev.baton.schedule.Missed;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.Timing;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avtomatika's schedules.toml: the shipped sample, restarts, changes and every mistake. */
class SchedulesFileTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir Path dir;
  ManualClock clock = new ManualClock(T0);
  Engine engine;

  @BeforeEach
  void setUp() {
    engine = Engine.builder(new InMemoryStore()).clock(clock).build();
    for (String name : List.of("periodic_maintenance", "report")) {
      engine.register(
          Blueprint.builder(name)
              .start("go")
              .dispatch("go", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
              .build());
    }
  }

  List<String> load(Path file) {
    return SchedulesFile.apply(
        file, SchedulesFile.read(file), engine.calendars(), engine.schedules(), clock.instant());
  }

  Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("schedules.toml"), text);
  }

  @Test
  void theShippedSampleLoadsAndFiresAtStartupThenEveryMinute() {
    assertThat(load(AccessFilesTest.sample("schedules.toml"))).isEmpty();
    Schedule s = engine.schedules().get("maintenance_task").orElseThrow();
    assertThat(s.definition().timing()).isEqualTo(Timing.every(Duration.ofSeconds(60), T0));
    assertThat(s.definition().target().name()).isEqualTo("periodic_maintenance");
    // The sample writes initial_data, which Avtomatika ignores; Baton reads what was meant.
    assertThat(s.definition().target().input())
        .isEqualTo(Map.of("source", "scheduler", "task_type", "cleanup"));
    assertThat(s.definition().missed().missed()).isEqualTo(Missed.LAST);
    assertThat(s.nextRunAt()).isEqualTo(T0);
    assertThat(engine.schedules().tick()).isEqualTo(1);
    assertThat(engine.schedules().get("maintenance_task").orElseThrow().nextRunAt())
        .isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aRestartKeepsTheSchedulesAndAChangeUpdatesThem() throws Exception {
    Path file =
        write(
            """
            [nightly]
            blueprint = "report"
            daily_at = "02:30"
            input_data = { size = 3 }
            some_future_key = "ignored"

            [often]
            blueprint = "report"
            interval_seconds = 30
            """);
    assertThat(load(file)).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(load(file)).isEmpty();
    assertThat(engine.schedules().get("often").orElseThrow().version()).isEqualTo(1);
    assertThat(engine.schedules().get("nightly").orElseThrow().version()).isEqualTo(1);

    write(
        """
        [nightly]
        blueprint = "report"
        daily_at = "03:00"
        timezone = "Europe/Warsaw"

        [often]
        blueprint = "report"
        interval_seconds = 30
        """);
    assertThat(load(file)).isEmpty();
    Schedule nightly = engine.schedules().get("nightly").orElseThrow();
    assertThat(nightly.version()).isEqualTo(2);
    assertThat(nightly.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T02:00:00Z"));
    assertThat(engine.schedules().get("often").orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void aWrongSectionIsRefusedWithItsNameAndTheOthersLoad() throws Exception {
    Path file =
        write(
            """
            [no_blueprint]
            interval_seconds = 60

            [unknown_blueprint]
            blueprint = "nope"
            interval_seconds = 60

            [two_timings]
            blueprint = "report"
            interval_seconds = 60
            daily_at = "09:00"

            [bad_day]
            blueprint = "report"
            weekly_days = ["mon", "funday"]
            time = "09:00"

            [fine]
            blueprint = "report"
            monthly_dates = [1, 31]
            time = "09:00"
            """);
    List<String> problems = load(file);
    assertThat(problems).hasSize(4);
    assertThat(problems.get(0)).contains("[no_blueprint]").contains("blueprint: required");
    assertThat(problems.get(1)).contains("[unknown_blueprint]").contains("not registered");
    assertThat(problems.get(2)).contains("[two_timings]").contains("daily_at: set only one of");
    assertThat(problems.get(3)).contains("[bad_day]").contains("funday");
    assertThat(engine.schedules().list()).extracting(Schedule::name).containsExactly("fine");
  }

  @Test
  void calendarsInTheFileArePutFirstAndItsSchedulesNameThem() throws Exception {
    Path file =
        write(
            """
            [calendars.pl]
            timezone = "Europe/Warsaw"
            working_days = "mon-fri"
            holidays = ["2026-12-24", { date = "2026-12-25", name = "Boże Narodzenie" }]
            hours = ["09:00-17:00"]

            [calendars.typo]
            timezone = "Europe/Warsaw"
            holyday = ["2026-12-24"]

            [weekday_report]
            blueprint = "report"
            daily_at = "10:00"
            timezone = "Europe/Warsaw"
            calendar = "pl"
            calendar_policy = "next_working_time"

            [missing_calendar]
            blueprint = "report"
            daily_at = "10:00"
            calendar = "de"
            """);
    List<String> problems = load(file);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .contains("[calendars.typo]")
        .contains("unknown key 'holyday'; expected description, holidays, hours, ics, name");
    assertThat(problems.get(1))
        .contains("[missing_calendar]")
        .contains("calendar: no calendar named 'de'");
    assertThat(engine.calendars().require("pl").holiday(java.time.LocalDate.of(2026, 12, 25)))
        .contains("Boże Narodzenie");
    Schedule s = engine.schedules().get("weekday_report").orElseThrow();
    assertThat(s.definition().calendar().policy().wireName()).isEqualTo("next_working_time");

    // Restarting with the same file changes nothing; a changed calendar moves the next fire.
    clock.set(Instant.parse("2026-12-23T10:00:00Z"));
    assertThat(load(file)).hasSize(2);
    long version = engine.schedules().get("weekday_report").orElseThrow().version();
    assertThat(load(file)).hasSize(2);
    assertThat(engine.schedules().get("weekday_report").orElseThrow().version()).isEqualTo(version);
  }
}
