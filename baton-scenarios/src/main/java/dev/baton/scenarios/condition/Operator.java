package dev.baton.scenarios.condition;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code database} condition's comparisons. Numbers compare as numbers, anything else as text;
 * SQL NULL matches only {@code is_null}, {@code not_equals} and {@code not_in}.
 */
enum Operator {
  EQUALS,
  NOT_EQUALS,
  IN,
  NOT_IN,
  GREATER,
  LESS,
  GREATER_EQUAL,
  LESS_EQUAL,
  IS_NULL,
  IS_NOT_NULL;

  static @Nullable Operator named(String name) {
    for (Operator o : values()) {
      if (o.name().toLowerCase(Locale.ROOT).equals(name)) {
        return o;
      }
    }
    return null;
  }

  boolean holds(Object actual, boolean isNull, @Nullable Object expected) {
    return switch (this) {
      case IS_NULL -> isNull;
      case IS_NOT_NULL -> !isNull;
      case EQUALS -> !isNull && same(actual, expected);
      case NOT_EQUALS -> isNull || !same(actual, expected);
      case IN ->
          !isNull && expected instanceof List<?> l && l.stream().anyMatch(x -> same(actual, x));
      case NOT_IN -> !(expected instanceof List<?> l) || l.stream().noneMatch(x -> same(actual, x));
      case GREATER -> !isNull && compare(actual, expected) > 0;
      case LESS -> !isNull && compare(actual, expected) < 0;
      case GREATER_EQUAL -> !isNull && compare(actual, expected) >= 0;
      case LESS_EQUAL -> !isNull && compare(actual, expected) <= 0;
    };
  }

  private static boolean same(Object actual, @Nullable Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return a.doubleValue() == e.doubleValue();
    }
    return String.valueOf(actual).equals(String.valueOf(expected));
  }

  private static int compare(Object actual, @Nullable Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return Double.compare(a.doubleValue(), e.doubleValue());
    }
    return String.valueOf(actual).compareTo(String.valueOf(expected));
  }
}
