package dev.baton.loop.internal;

import dev.baton.expr.Formula;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A value in a rules file: a constant (a YAML number, boolean, list...) or a CEL expression. */
public sealed interface Value {
  @Nullable Object get(Map<String, ?> variables);

  List<String> reads();

  record Constant(@Nullable Object value) implements Value {
    @Override
    public @Nullable Object get(Map<String, ?> variables) {
      return value;
    }

    @Override
    public List<String> reads() {
      return List.of();
    }
  }

  record Cel(Formula formula) implements Value {
    @Override
    public @Nullable Object get(Map<String, ?> variables) {
      return formula.evaluate(variables);
    }

    @Override
    public List<String> reads() {
      return formula.reads();
    }
  }
}
