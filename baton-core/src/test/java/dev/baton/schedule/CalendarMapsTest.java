package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarMapsTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  static final String ICS =
      String.join(
          "\r\n",
          "BEGIN:VCALENDAR",
          "VERSION:2.0",
          "PRODID:-//Baton//test//EN",
          "BEGIN:VEVENT",
          "UID:christmas",
          "DTSTART;VALUE=DATE:20241225",
          "DTEND;VALUE=DATE:20241227",
          "RRULE:FREQ=YEARLY",
          "SUMMARY:Boże Narodzenie",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:easter-monday-2027",
          "DTSTART;VALUE=DATE:20270329",
          "SUMMARY:Poniedziałek Wielkanocny",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "UID:timed",
          "DTSTART;TZID=Europe/Warsaw:20270503T100000",
          "DTEND;TZID=Europe/Warsaw:20270503T120000",
          "SUMMARY:Święto Konstytucji",
          "END:VEVENT",
          "END:VCALENDAR",
          "");

  @Test
  void readsAndWritesBackTheSameCalendar() {
    BusinessCalendar c =
        CalendarMaps.parse(
            null,
            Map.of(
                "name",
                "pl",
                "description",
                "Polish office",
                "timezone",
                "Europe/Warsaw",
                "working_days",
                List.of("mon", "tue", "wed", "thu", "fri"),
                "holidays",
                List.of("2026-11-11", Map.of("date", "2026-12-24", "name", "Wigilia")),
                "ics",
                ICS,
                "hours",
                List.of("13:00-17:00", "08:00-12:00")),
            UTC);
    assertThat(c.hours())
        .extracting(WorkingHours::toString)
        .containsExactly("08:00-12:00", "13:00-17:00");
    assertThat(CalendarMaps.parse(null, CalendarMaps.toMap(c), UTC)).isEqualTo(c);
    assertThat(c.holiday(LocalDate.parse("2026-12-24"))).contains("Wigilia");
    assertThat(c.holiday(LocalDate.parse("2026-11-11"))).contains("");
  }

  @Test
  void defaultsAreMondayToFridayAllDayInTheDefaultZone() {
    BusinessCalendar c = CalendarMaps.parse("x", Map.of(), ZoneId.of("Europe/Warsaw"));
    assertThat(c.workingDays())
        .containsExactly(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
    assertThat(c.hours()).containsExactly(WorkingHours.WHOLE_DAY);
    assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Warsaw"));
  }

  @Test
  void icsHolidaysRecurEveryYearAndCoverEveryDayOfAnEvent() {
    BusinessCalendar c =
        CalendarMaps.parse("pl", Map.of("timezone", "Europe/Warsaw", "ics", ICS), UTC);
    for (int year : new int[] {2024, 2026, 2031, 2099}) {
      assertThat(c.holiday(LocalDate.of(year, 12, 25))).contains("Boże Narodzenie");
      assertThat(c.holiday(LocalDate.of(year, 12, 26))).contains("Boże Narodzenie");
      assertThat(c.holiday(LocalDate.of(year, 12, 27))).isEmpty();
    }
    assertThat(c.holiday(LocalDate.of(2023, 12, 25))).isEmpty(); // before it started
    assertThat(c.holiday(LocalDate.of(2027, 3, 29))).contains("Poniedziałek Wielkanocny");
    assertThat(c.holiday(LocalDate.of(2028, 3, 29))).isEmpty();
    assertThat(c.holiday(LocalDate.of(2027, 5, 3))).contains("Święto Konstytucji");
    assertThat(c.isWorkingDay(LocalDate.of(2027, 5, 4))).isTrue();
  }

  @Test
  void badInputNamesTheKeyAndWhatIsWrong() {
    assertThatThrownBy(() -> parse(Map.of("timezone", "Europe/Warsau")))
        .hasMessageStartingWith("timezone: unknown time zone 'Europe/Warsau'");
    assertThatThrownBy(() -> parse(Map.of("working_days", List.of("mon", "fry"))))
        .hasMessage("working_days[1]: unknown day 'fry'; use mon, tue, wed, thu, fri, sat, sun");
    assertThatThrownBy(() -> parse(Map.of("working_days", List.of())))
        .hasMessageStartingWith("working_days: expected days");
    assertThatThrownBy(() -> parse(Map.of("holidays", List.of("2026-12-24", "2026-13-01"))))
        .hasMessage("holidays[1]: '2026-13-01' is not a date (YYYY-MM-DD)");
    assertThatThrownBy(() -> parse(Map.of("holidays", List.of(Map.of("day", "2026-12-24")))))
        .hasMessage("holidays[0]: unknown field 'day'; expected date, name");
    assertThatThrownBy(() -> parse(Map.of("hours", List.of("09:00-17:00", "17:00-18:00"))))
        .hasMessage("hours: 09:00-17:00 and 17:00-18:00 overlap or touch");
    assertThatThrownBy(() -> parse(Map.of("hours", List.of("17:00-09:00"))))
        .hasMessageStartingWith("hours[0]: a span must open before it closes");
    assertThatThrownBy(() -> parse(Map.of("hours", "9am-5pm")))
        .hasMessage("hours[0]: '9am' in \"9am-5pm\" is not a time of day (HH:MM)");
    assertThatThrownBy(() -> parse(Map.of("ics", "hello")))
        .hasMessageStartingWith("ics: not an iCalendar file");
    String noStart = ICS.replace("DTSTART;VALUE=DATE:20270329", "DTSTART;VALUE=DATE:2027-03-XX");
    assertThatThrownBy(() -> parse(Map.of("ics", noStart)))
        .hasMessageStartingWith("ics: event 2 ('Poniedziałek Wielkanocny') has no valid DTSTART");
    assertThatThrownBy(() -> CalendarMaps.parse("a", Map.of("name", "b"), UTC))
        .hasMessage("name: the body names 'b' but the calendar addressed is 'a'");
  }

  static BusinessCalendar parse(Map<String, ?> m) {
    return CalendarMaps.parse("x", m, UTC);
  }
}
