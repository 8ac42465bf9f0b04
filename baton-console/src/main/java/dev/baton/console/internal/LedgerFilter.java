package dev.baton.console.internal;

import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ledger search's filters, parsed once from the query string: type (exact, or a prefix ending
 * in {@code *}), source, job, severity, from / before (UTC, as the console shows times) and the
 * page's cursor ({@code after}, the last {@code seq} of the page before). Each is a filter of the
 * store's {@link LedgerQuery}; a value that cannot be one is named in {@link #errors}, and the
 * ledger is not read.
 *
 * @param raw the values as given (echoed back into the form), by parameter name
 */
record LedgerFilter(@Nullable LedgerQuery query, Map<String, String> raw, List<String> errors) {
  static final List<String> NAMES = List.of("type", "source", "job", "severity", "from", "to");
  static final int PAGE = 50;
  private static final int MAX_TEXT = 200;

  static LedgerFilter parse(Context ctx) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String name : NAMES) {
      String v = ctx.queryParam(name);
      raw.put(name, v == null ? "" : v.strip());
    }
    List<String> errors = new ArrayList<>();
    for (String name : List.of("type", "source", "job")) {
      if (raw.getOrDefault(name, "").length() > MAX_TEXT) {
        errors.add(name + " is longer than " + MAX_TEXT + " characters.");
      }
    }
    Severity severity = null;
    if (!raw.getOrDefault("severity", "").isEmpty()) {
      try {
        severity = Severity.fromWire(raw.getOrDefault("severity", ""));
      } catch (IllegalArgumentException e) {
        errors.add("Severity: " + e.getMessage() + ".");
      }
    }
    Instant from = time("from", raw.getOrDefault("from", ""), errors);
    Instant before = time("to", raw.getOrDefault("to", ""), errors);
    if (from != null && before != null && !from.isBefore(before)) {
      errors.add(
          "From ("
              + raw.getOrDefault("from", "")
              + ") must be before to ("
              + raw.getOrDefault("to", "")
              + ").");
    }
    String after = ctx.queryParam("after");
    long cursor = 0;
    if (after != null && !after.isEmpty()) {
      if (after.length() > 18 || !after.chars().allMatch(Character::isDigit)) {
        errors.add("The page cursor 'after' must be a whole number, was '" + after + "'.");
      } else {
        cursor = Long.parseLong(after);
      }
    }
    LedgerQuery query = null;
    if (errors.isEmpty()) {
      try {
        query =
            LedgerQuery.newest(PAGE)
                .type(blankToNull(raw.getOrDefault("type", "")))
                .source(blankToNull(raw.getOrDefault("source", "")))
                .jobId(blankToNull(raw.getOrDefault("job", "")))
                .severity(severity)
                .between(from, before)
                .after(cursor);
      } catch (IllegalArgumentException e) {
        errors.add("Type: " + e.getMessage() + ".");
      }
    }
    return new LedgerFilter(query, Map.copyOf(raw), List.copyOf(errors));
  }

  String value(String name) {
    return raw.getOrDefault(name, "");
  }

  /** This filter's query string for the page past {@code cursor}. */
  String queryString(long cursor) {
    StringBuilder out = new StringBuilder();
    for (String name : NAMES) {
      out.append(name).append('=').append(URLEncoder.encode(value(name), StandardCharsets.UTF_8));
      out.append('&');
    }
    return out.append("after=").append(cursor).toString();
  }

  private static @Nullable Instant time(String name, String raw, List<String> errors) {
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return JobFilter.instant(raw);
    } catch (DateTimeParseException e) {
      errors.add(
          (name.equals("from") ? "From" : "To")
              + ": '"
              + raw
              + "' is not a time; expected yyyy-MM-ddTHH:mm (UTC), e.g. 2026-12-02T19:30.");
      return null;
    }
  }

  private static @Nullable String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
