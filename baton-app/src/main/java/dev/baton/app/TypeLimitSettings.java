package dev.baton.app;

import dev.baton.engine.TypeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The limits per task type, parsed into the engine's {@link TypeLimits}, which hold for HTTP
 * workers and robots alike: {@code TASK_TYPE_CONCURRENCY} and {@code TASK_TYPE_RATES}, with the
 * older robot-only names ({@code ROBOT_TYPE_*}) read too and the new ones winning for a type named
 * in both. A bad value stops the start naming its source.
 */
final class TypeLimitSettings {
  private TypeLimitSettings() {}

  static TypeLimits of(Settings s) {
    Map<String, Integer> concurrency =
        new LinkedHashMap<>(concurrency(s, Setting.ROBOT_TYPE_CONCURRENCY));
    concurrency.putAll(concurrency(s, Setting.TASK_TYPE_CONCURRENCY));
    Map<String, TypeLimits.Rate> rates = new LinkedHashMap<>(rates(s, Setting.ROBOT_TYPE_RATES));
    rates.putAll(rates(s, Setting.TASK_TYPE_RATES));
    return new TypeLimits(concurrency, rates);
  }

  /** {@code type=n,type=n}. */
  private static Map<String, Integer> concurrency(Settings s, Setting k) {
    return perType(
        s,
        k,
        v -> {
          int n = Integer.parseInt(v);
          if (n < 1) {
            throw new NumberFormatException("below 1");
          }
          return n;
        },
        "a whole number of at least 1");
  }

  /** {@code type=count/seconds,...}. */
  private static Map<String, TypeLimits.Rate> rates(Settings s, Setting k) {
    return perType(
        s,
        k,
        v -> {
          String[] rate = v.split("/", -1);
          return new TypeLimits.Rate(
              Integer.parseInt(rate[0].trim()), Duration.ofSeconds(Long.parseLong(rate[1].trim())));
        },
        "count/seconds (at least 1 per 1 s), like 60/60");
  }

  /** Each type's value read by {@code parse}; one it refuses stops the start, saying what fits. */
  private static <V> Map<String, V> perType(
      Settings s, Setting k, Function<String, V> parse, String expected) {
    Map<String, V> out = new LinkedHashMap<>();
    for (String[] kv : pairs(s, k)) {
      try {
        out.put(kv[0], parse.apply(kv[1].trim()));
      } catch (RuntimeException e) {
        throw new Settings.ConfigException(
            s.source(k) + ": '" + kv[1] + "' for type " + kv[0] + " is not " + expected);
      }
    }
    return out;
  }

  /** {@code type=value,...}: each as {type (trimmed), value}; blank parts are skipped. */
  private static List<String[]> pairs(Settings s, Setting k) {
    List<String[]> out = new ArrayList<>();
    for (String part : s.text(k).split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new Settings.ConfigException(
            s.source(k) + ": '" + part.trim() + "' is not type=value");
      }
      out.add(new String[] {kv[0].trim(), kv[1]});
    }
    return out;
  }
}
