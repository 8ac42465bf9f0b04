package dev.baton.server.route;

import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * Integer query parameters read strictly, for the list routes of every module: a parameter that is
 * absent takes its default; one that is present must be written as plain decimal digits (a leading
 * {@code -} only where negative values are allowed) within its bounds. {@code ?limit=}, {@code
 * ?limit=+5}, {@code ?limit=5.0} and {@code ?limit= 5} are refused with a 400 that names the
 * parameter and says what it takes, rather than read as a default or as something else.
 */
public final class QueryParams {
  private QueryParams() {}

  /** The parameter within [min, max], or {@code fallback} when it is absent. */
  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    return (int) parse(name, raw, min, max);
  }

  /** The parameter within [min, max], or {@code fallback} when it is absent. */
  public static long longInteger(Context ctx, String name, long fallback, long min, long max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    return parse(name, raw, min, max);
  }

  static long parse(String name, String raw, long min, long max) {
    Long value = digits(raw, min < 0);
    if (value != null && value >= min && value <= max) {
      return value;
    }
    String bounds = "must be an integer between " + min + " and " + max;
    if (raw.isEmpty()) {
      throw ApiError.badRequest(
          "query parameter '" + name + "' is empty; it " + bounds + ", or leave it out");
    }
    String hint =
        raw.startsWith("+") || raw.strip().length() != raw.length()
            ? " (plain decimal digits, without a sign or spaces)"
            : "";
    throw ApiError.badRequest(
        "query parameter '" + name + "' " + bounds + ", was '" + printable(raw) + "'" + hint);
  }

  /** The value of plain decimal digits, or null when {@code raw} is anything else or overflows. */
  private static @Nullable Long digits(String raw, boolean negativeAllowed) {
    int start = negativeAllowed && raw.startsWith("-") ? 1 : 0;
    if (raw.length() == start || raw.length() - start > 18) {
      return null;
    }
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Long.parseLong(raw);
  }

  /**
   * The text with control characters shown as {@code \\uXXXX}, so an error message stays one line.
   */
  public static String printable(String raw) {
    StringBuilder out = new StringBuilder();
    String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    for (char c : shown.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
