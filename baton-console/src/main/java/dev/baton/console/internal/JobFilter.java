package dev.baton.console.internal;

import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The jobs table's filters, parsed once from the query string: status, blueprint, client (the name
 * of the client that created the job), created from / before (UTC, as the console shows times) and
 * text (the start of a job id). Each becomes a filter of the store's indexed {@link JobQuery}; a
 * value that cannot be one is named in {@link #errors}, and the table is not read.
 *
 * @param raw the values as given (echoed back into the form), by parameter name
 */
record JobFilter(
    @Nullable JobStatus status,
    @Nullable String blueprint,
    @Nullable String client,
    @Nullable Instant from,
    @Nullable Instant before,
    @Nullable String text,
    int page,
    Map<String, String> raw,
    List<String> errors) {
  static final List<String> NAMES = List.of("status", "blueprint", "client", "from", "to", "text");
  private static final int MAX_TEXT = 200;

  /** The jobs table counts at most this many matches ("more than 10,000" past it). */
  static final long COUNTED = 10_001;

  static JobFilter parse(Context ctx) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String name : NAMES) {
      String v = ctx.queryParam(name);
      raw.put(name, v == null ? "" : v.strip());
    }
    JobFilter blank =
        new JobFilter(null, null, null, null, null, null, 1, Map.copyOf(raw), List.of());
    List<String> errors = new ArrayList<>();
    JobStatus status = status(blank.value("status"), errors);
    Instant from = time("from", blank.value("from"), errors);
    Instant before = time("to", blank.value("to"), errors);
    if (from != null && before != null && !from.isBefore(before)) {
      errors.add(
          "Created from ("
              + blank.value("from")
              + ") must be before created before ("
              + blank.value("to")
              + ").");
    }
    for (String name : List.of("blueprint", "client", "text")) {
      if (blank.value(name).length() > MAX_TEXT) {
        errors.add(name + " is longer than " + MAX_TEXT + " characters.");
      }
    }
    return new JobFilter(
        status,
        blankToNull(blank.value("blueprint")),
        blankToNull(blank.value("client")),
        from,
        before,
        blankToNull(blank.value("text")),
        pageNumber(ctx.queryParam("page")),
        blank.raw(),
        List.copyOf(errors));
  }

  /**
   * The store query for this filter's page of {@code size} jobs. Its total counts up to {@link
   * #COUNTED} matches, or to one past this page when it is deeper: enough to say whether a next
   * page exists, without counting a million jobs for the first page.
   */
  JobQuery query(int size) {
    int offset = (page - 1) * size;
    return new JobQuery(
        status,
        blueprint,
        client,
        from,
        before,
        text,
        size,
        offset,
        Math.max(COUNTED, (long) offset + size + 1));
  }

  String value(String name) {
    return raw.getOrDefault(name, "");
  }

  /** This filter's query string for {@code page}. */
  String queryString(int page) {
    StringBuilder out = new StringBuilder();
    for (String name : NAMES) {
      out.append(name).append('=').append(URLEncoder.encode(value(name), StandardCharsets.UTF_8));
      out.append('&');
    }
    return out.append("page=").append(page).toString();
  }

  private static @Nullable JobStatus status(String raw, List<String> errors) {
    if (raw.isEmpty()) {
      return null;
    }
    for (JobStatus s : JobStatus.values()) {
      if (s.wireName().equals(raw)) {
        return s;
      }
    }
    errors.add("Status '" + raw + "' is not a job status.");
    return null;
  }

  /**
   * A time as a {@code datetime-local} field sends it ({@code 2026-12-02T19:30}, seconds optional),
   * read as UTC, or with an offset ({@code 2026-12-02T19:30:00Z}).
   */
  private static @Nullable Instant time(String name, String raw, List<String> errors) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return instant(raw);
    } catch (DateTimeParseException e) {
      errors.add(
          "Created "
              + name
              + ": '"
              + raw
              + "' is not a time; expected yyyy-MM-ddTHH:mm (UTC), e.g. 2026-12-02T19:30.");
      return null;
    }
  }

  /**
   * A form's time: as a {@code datetime-local} field sends it, read as UTC, or with an offset.
   *
   * @throws DateTimeParseException when it is neither
   */
  static Instant instant(String raw) {
    try {
      return LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException local) {
      return OffsetDateTime.parse(raw).toInstant();
    }
  }

  private static @Nullable String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static int pageNumber(@Nullable String raw) {
    if (raw == null
        || raw.isEmpty()
        || raw.length() > 6
        || !raw.chars().allMatch(Character::isDigit)) {
      return 1;
    }
    return Math.max(1, Integer.parseInt(raw));
  }
}
