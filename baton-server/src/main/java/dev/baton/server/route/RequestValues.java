package dev.baton.server.route;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a parsed request body may not hold even though it is valid JSON: a NUL character (U+0000) in
 * a string or a field name, which PostgreSQL refuses in text and so would fail the request deep in
 * the store; half of a UTF-16 surrogate pair ({@code "\ud800"} alone), which no UTF-8 text can hold
 * and so would be stored as something else; and a number too large for a double (read as infinity,
 * which JSON cannot write back). Refused with a 400 naming where it is ({@code
 * input.items[2].name}).
 */
final class RequestValues {
  private RequestValues() {}

  /** Checks a parsed {@code document} ({@code body}, {@code message}: what a refusal calls it). */
  static void check(@Nullable Object value, String document) {
    check(value, "", document);
  }

  private static void check(@Nullable Object value, String where, String document) {
    switch (value) {
      case String s -> {
        if (s.indexOf('\0') >= 0) {
          throw refused(where, document, "a NUL character (U+0000) in its text");
        }
        if (!wellFormed(s)) {
          throw refused(where, document, "half of a UTF-16 surrogate pair in its text");
        }
      }
      case Double d -> {
        if (d.isInfinite() || d.isNaN()) {
          throw refused(where, document, "a number too large for a 64-bit floating point value");
        }
      }
      case Map<?, ?> map -> {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = String.valueOf(e.getKey());
          String inner = where.isEmpty() ? key : where + "." + key;
          if (key.indexOf('\0') >= 0) {
            throw refused(inner, document, "a NUL character (U+0000) in its name");
          }
          if (!wellFormed(key)) {
            throw refused(inner, document, "half of a UTF-16 surrogate pair in its name");
          }
          check(e.getValue(), inner, document);
        }
      }
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          check(list.get(i), where + "[" + i + "]", document);
        }
      }
      case null, default -> {}
    }
  }

  /** True unless the text holds a surrogate that is not half of a pair. */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static ApiError refused(String where, String document, String what) {
    String field =
        where.isEmpty() ? "the " + document : "field '" + QueryParams.printable(where) + "'";
    return ApiError.badRequest(field + " holds " + what + ", which Baton does not accept");
  }
}
