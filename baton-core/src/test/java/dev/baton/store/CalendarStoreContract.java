package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarMaps;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every store must do with business calendars; part of {@link StoreContract}. */
public interface CalendarStoreContract {
  Store store();

  String ICS =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Baton//test//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
          + "DTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\n"
          + "END:VEVENT\r\nEND:VCALENDAR\r\n";

  static BusinessCalendar calendar(String name, String hours) {
    return CalendarMaps.parse(
        name,
        Map.of(
            "description",
            "an office",
            "timezone",
            "Europe/Warsaw",
            "working_days",
            List.of("mon", "tue", "sat"),
            "holidays",
            List.of(Map.of("date", "2026-11-11", "name", "Niepodległości")),
            "ics",
            ICS,
            "hours",
            List.of(hours, "18:00-20:00")),
        ZoneOffset.UTC);
  }

  @Test
  default void aCalendarComesBackAsItWasStored() {
    BusinessCalendar pl = calendar("pl", "08:00-12:00");
    assertThat(store().insertCalendar(pl)).isTrue();
    BusinessCalendar read = store().calendar("pl").orElseThrow();
    assertThat(read).isEqualTo(pl);
    assertThat(read.holiday(LocalDate.of(2031, 12, 25))).contains("Christmas");
    assertThat(store().calendar("nope")).isEmpty();
  }

  @Test
  default void aNameIsTakenOnceAndUpdatesReplaceOnlyWhatExists() {
    assertThat(store().insertCalendar(calendar("pl", "08:00-12:00"))).isTrue();
    assertThat(store().insertCalendar(calendar("pl", "09:00-12:00"))).isFalse();
    assertThat(store().calendar("pl").orElseThrow().hours().get(0).toString())
        .isEqualTo("08:00-12:00");
    assertThat(store().updateCalendar(calendar("pl", "07:00-12:00"))).isTrue();
    assertThat(store().calendar("pl").orElseThrow().hours().get(0).toString())
        .isEqualTo("07:00-12:00");
    assertThat(store().updateCalendar(calendar("us", "07:00-12:00"))).isFalse();
    assertThat(store().calendar("us")).isEmpty();
  }

  @Test
  default void calendarsListByNameAndDeleteOnce() {
    store().insertCalendar(calendar("us", "08:00-12:00"));
    store().insertCalendar(calendar("de", "08:00-12:00"));
    store().insertCalendar(calendar("pl", "08:00-12:00"));
    assertThat(store().calendars())
        .extracting(BusinessCalendar::name)
        .containsExactly("de", "pl", "us");
    assertThat(store().deleteCalendar("pl")).isTrue();
    assertThat(store().deleteCalendar("pl")).isFalse();
    assertThat(store().calendars()).extracting(BusinessCalendar::name).containsExactly("de", "us");
  }

  @Test
  default void ofRacingInsertsOfOneNameExactlyOneWins() throws Exception {
    AtomicInteger won = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String hours = String.format("%02d:00-12:00", i);
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                if (store().insertCalendar(calendar("race", hours))) {
                  won.incrementAndGet();
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(won).hasValue(1);
    assertThat(store().calendars()).hasSize(1);
  }
}
