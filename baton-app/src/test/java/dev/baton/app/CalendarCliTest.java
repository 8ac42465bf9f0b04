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

/** {@code baton calendars ...} and a schedule naming a calendar, against a running Baton. */
class CalendarCliTest {
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
    all.add("--server");
    all.add("http://127.0.0.1:" + app.port());
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void aCalendarIsPutFromAnIcsFileAndAScheduleFollowsIt() throws Exception {
    Path ics =
        Files.writeString(
            dir.resolve("holidays.ics"),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Baton//test//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:x\r\nDTSTART;VALUE=DATE:20301225\r\nDTEND;VALUE=DATE:20301227\r\n"
                + "RRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    assertThat(
            baton(
                "calendars",
                "put",
                "pl",
                "--timezone",
                "Europe/Warsaw",
                "--working-days",
                "mon-fri",
                "--holiday",
                "2030-12-24=Wigilia",
                "--ics",
                ics.toString(),
                "--hours",
                "09:00-17:00",
                "-o",
                "json"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("\"hours\" : [ \"09:00-17:00\" ]").contains("BEGIN:VCALENDAR");
    assertThat(baton("calendars", "list")).isZero();
    assertThat(cli.out()).contains("pl").contains("Europe/Warsaw");
    assertThat(baton("calendars", "days", "pl", "--from", "2030-12-24", "--count", "3")).isZero();
    assertThat(cli.out()).contains("Wigilia").contains("Christmas");

    assertThat(
            baton(
                "schedules",
                "create",
                "report",
                "--blueprint",
                "hello",
                "--daily-at",
                "10:00",
                "--timezone",
                "Europe/Warsaw",
                "--start-at",
                "2030-12-23T00:00:00+01:00",
                "--calendar",
                "pl",
                "--calendar-policy",
                "next_working_time"))
        .as(cli.err())
        .isZero();
    assertThat(baton("schedules", "preview", "report", "--count", "2")).isZero();
    assertThat(cli.out())
        .contains("2030-12-23T10:00+01:00[Europe/Warsaw]")
        .contains("2030-12-27T10:00+01:00[Europe/Warsaw]")
        .contains("2030-12-24T10:00 -> 2030-12-27T10:00  (2030-12-24 is a holiday (Wigilia)");

    assertThat(baton("calendars", "delete", "pl")).isEqualTo(1);
    assertThat(cli.err()).contains("named by schedule(s) report");
    assertThat(baton("calendars", "put", "bad", "--timezone", "Mars/Olympus")).isEqualTo(1);
    assertThat(cli.err()).contains("timezone: unknown time zone 'Mars/Olympus'");
  }
}
