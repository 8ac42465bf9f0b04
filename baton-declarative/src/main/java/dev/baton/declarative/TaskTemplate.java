package dev.baton.declarative;

import dev.baton.expr.Template;
import dev.baton.job.TaskSpec;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A task of a blueprint file: everything fixed but its params, which are rendered per job. */
record TaskTemplate(TaskSpec base, Template params, String path) {

  TaskSpec render(Map<String, ?> variables) {
    Map<String, Object> rendered = Steps.object(params.render(variables), path + ".params");
    return new TaskSpec(
        base.type(),
        rendered,
        base.priority(),
        base.timeout(),
        base.retry(),
        base.strategy(),
        base.requirements(),
        base.maxCost());
  }

  static String describe(@Nullable Object value) {
    return switch (value) {
      case null -> "null";
      case Map<?, ?> m -> "an object";
      case java.util.List<?> l -> "a list";
      case String s -> "the string '" + s + "'";
      default -> value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    };
  }
}
