package dev.baton.scenarios.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code {{ ... }}} templates of scenario files, after upstream's Jinja2 use: a string that is
 * exactly {@code {{ a.b }}} gives the typed value (missing: null in actions, the text itself in
 * conditions); any other string has each {@code {{ a.b }}} replaced by the value's text (missing:
 * empty, as Jinja2 renders an undefined variable). Only dotted names are supported, no filters.
 */
public final class Templates {
  private static final Pattern WHOLE = Pattern.compile("^\\{\\{\\s*([\\w.]+)\\s*}}$");
  private static final Pattern PLACE = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*}}");

  private Templates() {}

  /** Renders a value for an action: strings rendered, maps and lists recursively. */
  public static @Nullable Object render(@Nullable Object value, Map<String, ?> vars) {
    return render(value, vars, false);
  }

  /** As {@link #render(Object, Map)}; in a condition a missing whole variable keeps its text. */
  public static @Nullable Object render(
      @Nullable Object value, Map<String, ?> vars, boolean inCondition) {
    return switch (value) {
      case String s -> renderString(s, vars, inCondition);
      case Map<?, ?> m -> {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), render(v, vars, inCondition)));
        yield out;
      }
      case List<?> l -> {
        List<@Nullable Object> out = new ArrayList<>();
        l.forEach(v -> out.add(render(v, vars, inCondition)));
        yield out;
      }
      case null -> null;
      default -> value;
    };
  }

  /** Renders a string; always text, even for the single-variable form. */
  public static String text(String s, Map<String, ?> vars) {
    Matcher m = PLACE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = lookup(vars, m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static @Nullable Object renderString(String s, Map<String, ?> vars, boolean inCondition) {
    Matcher whole = WHOLE.matcher(s.strip());
    if (whole.matches()) {
      Object v = lookup(vars, whole.group(1));
      return v == null && inCondition ? s : v;
    }
    return s.contains("{{") ? text(s, vars) : s;
  }

  /** {@code a.b.c} through nested maps (and list indexes); null when any part is missing. */
  public static @Nullable Object lookup(Map<String, ?> vars, String path) {
    Object cur = vars;
    for (String part : path.split("\\.")) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(part);
      } else if (cur instanceof List<?> l && part.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(part);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }
}
