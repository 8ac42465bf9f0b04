package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.console.view.Fires;
import dev.baton.engine.Schedules;
import dev.baton.schedule.ScheduleDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's DST marks on fires computed from a fixed instant: a nightly Warsaw schedule across
 * the last Sunday of March (clocks go forward) and of October (back).
 */
class ScheduleFiresViewTest {
  private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

  @Test
  void aFireAfterTheSpringChangeIsMarkedAndTheOthersAreNot() {
    Fires fires = nightly(Instant.parse("2026-03-26T12:00:00Z"));
    assertThat(fires.zone()).isEqualTo("Europe/Warsaw");
    assertThat(fires.fires())
        .extracting(Fires.Fire::local)
        .startsWith("2026-03-27 03:30:00", "2026-03-28 03:30:00", "2026-03-29 03:30:00");
    assertThat(fires.fires())
        .extracting(Fires.Fire::offset)
        .startsWith("+01:00", "+01:00", "+02:00", "+02:00");
    assertThat(fires.fires().get(2).dst()).isEqualTo("DST: +01:00 → +02:00");
    assertThat(fires.fires().get(2).utc()).isEqualTo("2026-03-29 01:30:00Z");
    assertThat(fires.fires()).filteredOn(f -> f.dst() != null).hasSize(1);
  }

  @Test
  void aFireAfterTheAutumnChangeIsMarkedTheOtherWay() {
    Fires fires = nightly(Instant.parse("2026-10-22T12:00:00Z"));
    assertThat(fires.fires().get(2).local()).isEqualTo("2026-10-25 03:30:00");
    assertThat(fires.fires().get(2).dst()).isEqualTo("DST: +02:00 → +01:00");
    assertThat(fires.fires().get(1).dst()).isNull();
    assertThat(Fires.local(Instant.parse("2026-10-25T02:30:00Z"), WARSAW))
        .isEqualTo("2026-10-25 03:30:00 +01:00");
    assertThat(Fires.local(Instant.parse("2026-10-25T02:30:00Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-10-25 02:30:00 +00:00");
  }

  private static Fires nightly(Instant from) {
    ScheduleDefinition def =
        ScheduleDefinition.parse(
            "nightly",
            Map.of("blueprint", "report", "cron", "30 3 * * *", "timezone", "Europe/Warsaw"),
            ZoneId.of("UTC"),
            from);
    return Fires.of(Schedules.preview(def, from, 10), def.zone());
  }
}
