package dev.baton.expr;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Variables converted for CEL once ({@link Values#toCel}), so that evaluating many expressions
 * against one job (a for_each over a thousand items, each with a few placeholders) does not convert
 * the job's data again for each of them.
 */
final class Bindings {
  private Bindings() {}

  /** Converted variables; unmodifiable, so that nothing unconverted can be put in later. */
  static final class Bound extends AbstractMap<String, Object> {
    private final Map<String, Object> values;

    Bound(Map<String, Object> values) {
      this.values = Collections.unmodifiableMap(values);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return values.entrySet();
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
      return values.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return values.containsKey(key);
    }
  }

  /**
   * Every variable of the scope, converted: map variables the caller lacks are empty, {@code
   * context} is made from the others when absent, {@code item} is null and {@code index} 0 unless
   * given.
   */
  static Map<String, Object> bind(Map<String, ?> variables, Expressions.Scope scope) {
    if (variables instanceof Bound b && (scope == Expressions.Scope.JOB || b.containsKey("item"))) {
      return b;
    }
    Map<String, Object> bound = new HashMap<>();
    for (String name : Expressions.JOB_VARIABLES) {
      Object v = variables.get(name);
      if (!name.equals("context")) {
        bound.put(name, v == null ? Map.of() : Values.toCel(v));
      }
    }
    Object context = variables.get("context");
    bound.put("context", context == null ? context(bound) : Values.toCel(context));
    if (scope == Expressions.Scope.ITEM) {
      bound.put("item", Values.toCel(variables.get("item")));
      Object index = Values.toCel(variables.get("index"));
      bound.put("index", index instanceof Long ? index : 0L);
    }
    return new Bound(bound);
  }

  /**
   * Avtomatika's {@code context}: the job's maps again, with {@code job_id} and {@code
   * current_state}.
   */
  private static Map<String, Object> context(Map<String, Object> bound) {
    Map<String, Object> context = new LinkedHashMap<>(bound);
    Object job = bound.get("job");
    Map<?, ?> meta = job instanceof Map<?, ?> m ? m : Map.of();
    context.put("job_id", orEmpty(meta.get("id")));
    context.put("current_state", orEmpty(meta.get("state")));
    return context;
  }

  private static Object orEmpty(@Nullable Object v) {
    return v == null ? "" : v;
  }

  /** The variables plus {@code item} and {@code index}, for one task of a for_each. */
  static Map<String, Object> withItem(Map<String, ?> variables, @Nullable Object item, long index) {
    Map<String, Object> out = new HashMap<>(bind(variables, Expressions.Scope.JOB));
    out.put("item", Values.toCel(item));
    out.put("index", index);
    return new Bound(out);
  }
}
