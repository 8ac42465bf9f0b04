package dev.baton.console.internal;

import dev.baton.console.view.Fires;
import dev.baton.console.view.ScheduleDetail;
import dev.baton.console.view.ScheduleList;
import dev.baton.engine.Schedules;
import dev.baton.schedule.CalendarShift;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import dev.baton.schedule.TimingMaps;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.StringJoiner;

/** Reads stored schedules and their runs into what the schedule pages show. */
final class ScheduleViews {
  /** How many coming fires a schedule's page shows. */
  static final int FIRES = 10;

  /** How many runs a schedule's page shows, newest first. */
  static final int RUNS = 50;

  private final Schedules schedules;

  ScheduleViews(Schedules schedules) {
    this.schedules = schedules;
  }

  List<ScheduleList.Row> rows() {
    return schedules.list().stream().map(this::row).toList();
  }

  ScheduleList.Row row(Schedule s) {
    ScheduleDefinition def = s.definition();
    List<ScheduleRun> last = schedules.runs(s.id(), 1);
    return new ScheduleList.Row(
        s.id(),
        s.name(),
        def.target().kind().wireName() + " " + def.target().name(),
        timing(def),
        def.zone().getId(),
        s.enabled(),
        Fires.local(s.nextRunAt(), def.zone()),
        Show.time(s.lastRunAt()),
        last.isEmpty() ? "" : last.getFirst().outcome().wireName());
  }

  ScheduleDetail detail(Schedule s, String notice) {
    ScheduleDefinition def = s.definition();
    Schedules.Preview preview = schedules.previewOf(s.id(), FIRES);
    ScheduleDefinition.CalendarRef cal = def.calendar();
    return new ScheduleDetail(
        row(s),
        cal == null ? "" : cal.name() + " (" + cal.policy().wireName() + ")",
        Fires.of(preview.fires(), def.zone()),
        effects(preview.effects(), def.zone()),
        schedules.runs(s.id(), RUNS).stream().map(ScheduleViews::run).toList(),
        notice);
  }

  static List<ScheduleList.Effect> effects(List<CalendarShift.Effect> effects, ZoneId zone) {
    return effects.stream()
        .map(e ->
            new ScheduleList.Effect(
                Fires.local(e.plannedAt(), zone),
                e.firesAt() == null ? "skipped" : Fires.local(e.firesAt(), zone),
                e.reason()))
        .toList();
  }

  /** The timing's keys as the API and a schedules file write them: {@code cron 30 2 * * *}. */
  static String timing(ScheduleDefinition def) {
    StringJoiner out = new StringJoiner(", ");
    TimingMaps.spec(def.timing()).forEach((k, v) -> out.add(k + " " + v));
    return out.toString();
  }

  private static ScheduleDetail.Run run(ScheduleRun r) {
    return new ScheduleDetail.Run(
        Show.time(r.fireAt()),
        Show.time(r.firedAt()),
        Show.duration(Duration.between(r.fireAt(), r.firedAt())),
        r.outcome().wireName(),
        r.jobId() == null ? "" : r.jobId(),
        r.reason() == null ? "" : r.reason());
  }
}
