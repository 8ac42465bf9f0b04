package dev.baton.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.ParseWarning;
import biweekly.util.ICalDate;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Holidays read from an iCalendar file (RFC 5545, parsed by biweekly): every day an event covers is
 * a holiday named after its {@code SUMMARY}. Recurring events ({@code RRULE}, {@code RDATE}, {@code
 * EXDATE}) are expanded a year at a time, when a date of that year is first asked about, so a
 * yearly "Christmas Day" covers every year without listing them.
 *
 * <p>An event with a time ({@code DTSTART:20261224T140000}) makes its whole day, in the calendar's
 * zone, a holiday: a calendar's holidays are days.
 */
public final class IcsHolidays {
  private static final int MAX_SPAN_DAYS = 366;

  private final String text;
  private final List<Event> events;
  private final TimeZone zone;
  private final Map<Integer, Map<LocalDate, String>> years = new ConcurrentHashMap<>();

  private record Event(VEvent event, String name, long days) {}

  private IcsHolidays(String text, List<Event> events, TimeZone zone) {
    this.text = text;
    this.events = events;
    this.zone = zone;
  }

  /**
   * Reads an iCalendar file's text.
   *
   * @throws IllegalArgumentException starting with {@code ics:}, naming the line or the event that
   *     is wrong
   */
  public static IcsHolidays parse(String text, ZoneId zone) {
    List<List<ParseWarning>> warnings = new ArrayList<>();
    List<ICalendar> calendars = Biweekly.parse(text).warnings(warnings).all();
    if (calendars.isEmpty()) {
      throw new IllegalArgumentException(
          "ics: not an iCalendar file (no BEGIN:VCALENDAR ... END:VCALENDAR)");
    }
    List<Event> events = new ArrayList<>();
    int n = 0;
    for (int c = 0; c < calendars.size(); c++) {
      for (VEvent e : calendars.get(c).getEvents()) {
        n++;
        String name = e.getSummary() == null ? "" : String.valueOf(e.getSummary().getValue());
        String which = "event " + n + (name.isEmpty() ? "" : " ('" + name + "')");
        if (e.getDateStart() == null || e.getDateStart().getValue() == null) {
          throw new IllegalArgumentException(
              "ics: " + which + " has no valid DTSTART" + problems(warnings.get(c)));
        }
        events.add(new Event(e, name, span(e, which, zone)));
      }
    }
    return new IcsHolidays(text, List.copyOf(events), TimeZone.getTimeZone(zone));
  }

  /** The file as given. */
  public String text() {
    return text;
  }

  /** The holiday's name (its event's summary; may be empty) if {@code date} is one. */
  public Optional<String> holiday(LocalDate date) {
    return Optional.ofNullable(year(date.getYear()).get(date));
  }

  /** The holidays of one year, by date. */
  public Map<LocalDate, String> year(int year) {
    return years.computeIfAbsent(year, this::expand);
  }

  private Map<LocalDate, String> expand(int year) {
    Map<LocalDate, String> out = new TreeMap<>();
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate last = LocalDate.of(year, 12, 31);
    for (Event e : events) {
      // An event that starts up to its length before the year may still cover its first days.
      LocalDate from = first.minusDays(e.days());
      DateIterator it = e.event().getDateIterator(zone);
      it.advanceTo(
          java.util.Date.from(from.minusDays(1).atStartOfDay(zone.toZoneId()).toInstant()));
      while (it.hasNext()) {
        LocalDate start = day(it.next(), e.event());
        if (start.isAfter(last)) {
          break;
        }
        for (long d = 0; d < e.days(); d++) {
          LocalDate date = start.plusDays(d);
          if (!date.isBefore(first) && !date.isAfter(last)) {
            out.putIfAbsent(date, e.name());
          }
        }
      }
    }
    return out;
  }

  /** How many days one occurrence covers: DTEND (exclusive) or DURATION, else one. */
  private static long span(VEvent e, String which, ZoneId zone) {
    ICalDate start = e.getDateStart().getValue();
    LocalDate first = date(start, start.hasTime(), zone);
    @Nullable ICalDate end = e.getDateEnd() == null ? null : e.getDateEnd().getValue();
    long days;
    if (end != null) {
      LocalDate stop = date(end, end.hasTime(), zone);
      boolean endsAtMidnight =
          !end.hasTime() || end.toInstant().atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT);
      days = ChronoUnit.DAYS.between(first, stop) + (endsAtMidnight ? 0 : 1);
    } else if (e.getDuration() != null && e.getDuration().getValue() != null) {
      days = Math.max(1, (e.getDuration().getValue().toMillis() + 86_399_999L) / 86_400_000L);
    } else {
      days = 1;
    }
    if (days < 1 || days > MAX_SPAN_DAYS) {
      throw new IllegalArgumentException(
          "ics: "
              + which
              + " ends before it starts or lasts over a year (DTSTART "
              + first
              + ", "
              + days
              + " days)");
    }
    return days;
  }

  private LocalDate day(java.util.Date occurrence, VEvent e) {
    return date(occurrence, e.getDateStart().getValue().hasTime(), zone.toZoneId());
  }

  /**
   * The day a value stands for: a date-time's day in the calendar's zone; a date (no time) as
   * written, which biweekly gives as midnight in the JVM's default zone.
   */
  private static LocalDate date(java.util.Date value, boolean hasTime, ZoneId zone) {
    return value.toInstant().atZone(hasTime ? zone : ZoneId.systemDefault()).toLocalDate();
  }

  private static String problems(List<ParseWarning> warnings) {
    List<String> lines = new ArrayList<>();
    for (ParseWarning w : warnings) {
      lines.add(
          (w.getLineNumber() == null ? "" : "line " + w.getLineNumber() + ": ") + w.getMessage());
    }
    return lines.isEmpty() ? "" : " (" + String.join("; ", lines) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcsHolidays other && other.text.equals(text) && other.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
