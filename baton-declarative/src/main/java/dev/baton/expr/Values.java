package dev.baton.expr;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Converts Java values from JSON into what CEL's runtime expects, and CEL's results back. */
final class Values {
  private Values() {}

  /**
   * A value CEL can evaluate: Long for every integer, Double for every decimal, CEL null for null,
   * maps and lists converted recursively. Returns {@code value} itself when nothing changes.
   */
  static Object toCel(@Nullable Object value) {
    return switch (value) {
      case null -> NullValue.NULL_VALUE;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Float f -> f.doubleValue();
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
      case BigDecimal d -> d.doubleValue();
      case Character c -> c.toString();
      case Map<?, ?> m -> mapToCel(m);
      case List<?> l -> listToCel(l);
      case Collection<?> c -> listToCel(new ArrayList<>(c));
      case Object[] a -> listToCel(java.util.Arrays.asList(a));
      case Enum<?> e -> e.name();
      default -> value;
    };
  }

  @SuppressWarnings("ReferenceEquality") // identity: did the conversion make a new object?
  private static Map<?, ?> mapToCel(Map<?, ?> m) {
    Map<Object, Object> copy = null;
    int index = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      Object c = toCel(v);
      if (copy == null && c != v) {
        // The first change: copy the entries before it, which stay as they are.
        copy = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<?, ?> before : m.entrySet()) {
          if (j++ == index) {
            break;
          }
          copy.put(before.getKey(), before.getValue());
        }
      }
      if (copy != null) {
        copy.put(e.getKey(), c);
      }
      index++;
    }
    return copy != null ? copy : m;
  }

  @SuppressWarnings("ReferenceEquality")
  private static List<?> listToCel(List<?> l) {
    List<Object> copy = null;
    for (int i = 0; i < l.size(); i++) {
      Object v = l.get(i);
      Object c = toCel(v);
      if (copy == null && c != v) {
        copy = new ArrayList<>(l.subList(0, i));
      }
      if (copy != null) {
        copy.add(c);
      }
    }
    return copy != null ? copy : l;
  }

  /**
   * A CEL result as plain Java: null, Long, Double, Boolean, String, List or Map with string keys;
   * anything else (timestamps, durations, bytes) as its string form.
   */
  static @Nullable Object fromCel(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case NullValue n -> null;
      case com.google.protobuf.NullValue n -> null;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Double d -> d;
      case Float f -> f.doubleValue();
      case Boolean b -> b;
      case String s -> s;
      case UnsignedLong u ->
          u.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0
              ? (Object) u.longValue()
              : (Object) u.toString();
      case Optional<?> o -> o.isPresent() ? fromCel(o.get()) : null;
      case Map<?, ?> m -> {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(fromCel(k)), fromCel(v)));
        yield out;
      }
      case Collection<?> c -> {
        List<@Nullable Object> out = new ArrayList<>(c.size());
        c.forEach(v -> out.add(fromCel(v)));
        yield out;
      }
      default -> value.toString();
    };
  }

  /** How a value reads inside a longer string: null is empty, maps and lists are JSON. */
  static String stringify(@Nullable Object value) {
    return switch (value) {
      case null -> "";
      case String s -> s;
      case Map<?, ?> m -> json(m, new StringBuilder()).toString();
      case Collection<?> c -> json(c, new StringBuilder()).toString();
      default -> value.toString();
    };
  }

  /** Plain JSON for the values {@link #fromCel} gives (this package stays free of Jackson). */
  private static StringBuilder json(@Nullable Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> m -> {
        out.append('{');
        String sep = "";
        for (Map.Entry<?, ?> e : m.entrySet()) {
          quote(String.valueOf(e.getKey()), out.append(sep)).append(':');
          json(e.getValue(), out);
          sep = ",";
        }
        out.append('}');
      }
      case Collection<?> c -> {
        out.append('[');
        String sep = "";
        for (Object v : c) {
          json(v, out.append(sep));
          sep = ",";
        }
        out.append(']');
      }
      default -> quote(value.toString(), out);
    }
    return out;
  }

  private static StringBuilder quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
