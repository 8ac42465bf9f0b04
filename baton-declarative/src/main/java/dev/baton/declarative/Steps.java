package dev.baton.declarative;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.JobContext;
import dev.baton.blueprint.StateHandler;
import dev.baton.expr.Expression;
import dev.baton.expr.Expressions;
import dev.baton.expr.Template;
import dev.baton.job.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The handlers of declarative states: each renders its templates, then returns its action. */
final class Steps {
  /** A for_each that yields more items than this fails the state rather than flood the queue. */
  static final int MAX_FOR_EACH = 10_000;

  private Steps() {}

  /** {@code dispatch}: one task; the result's status picks the next state. */
  record Dispatch(TaskTemplate task, Map<String, String> on) implements StateHandler {
    @Override
    public Action handle(JobContext ctx) {
      return Action.dispatch(task.render(Expressions.variables(ctx)), on);
    }
  }

  /** {@code parallel} with a fixed list of tasks. */
  record Parallel(List<TaskTemplate> tasks, String aggregateInto) implements StateHandler {
    @Override
    public Action handle(JobContext ctx) {
      Map<String, Object> vars = Expressions.variables(ctx);
      return Action.parallel(tasks.stream().map(t -> t.render(vars)).toList(), aggregateInto);
    }
  }

  /** {@code parallel} with {@code for_each}: one task per item of a list. */
  record ForEach(Expression items, TaskTemplate task, String aggregateInto)
      implements StateHandler {
    @Override
    public Action handle(JobContext ctx) {
      Map<String, Object> vars = Expressions.variables(ctx);
      Object value = items.evaluate(vars);
      if (!(value instanceof List<?> list)) {
        throw new IllegalArgumentException(
            "parallel.for_each '"
                + items.source()
                + "' gave "
                + TaskTemplate.describe(value)
                + ", not a list");
      }
      if (list.size() > MAX_FOR_EACH) {
        throw new IllegalArgumentException(
            "parallel.for_each '"
                + items.source()
                + "' gave "
                + list.size()
                + " items; at most "
                + MAX_FOR_EACH
                + " are allowed");
      }
      List<TaskSpec> specs = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        specs.add(task.render(Expressions.withItem(vars, list.get(i), i)));
      }
      return Action.parallel(specs, aggregateInto);
    }
  }

  /** {@code approval}: waits for a person's decision, one of the keys of {@code on}. */
  record Approval(Template message, Map<String, String> on) implements StateHandler {
    @Override
    public Action handle(JobContext ctx) {
      Object text = message.render(Expressions.variables(ctx));
      return Action.awaitApproval(text == null ? "" : String.valueOf(text), on);
    }
  }

  /**
   * A template that cannot render (a missing key, a value of the wrong shape) is the job's data
   * being wrong, not a passing fault: the job fails at once, resumable with corrected data.
   */
  static StateHandler strict(StateHandler handler) {
    return ctx -> strictly(() -> handler.handle(ctx));
  }

  static <T> T strictly(java.util.concurrent.Callable<T> work) {
    try {
      return work.call();
    } catch (dev.baton.expr.ExpressionException | IllegalArgumentException e) {
      throw new dev.baton.blueprint.StateFailure(
          dev.baton.job.ErrorCode.INVALID_INPUT_ERROR, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rendered input of a {@code subflow}. */
  static Map<String, Object> subflowInput(Template input, JobContext ctx) {
    return object(input.render(Expressions.variables(ctx)), "subflow.input");
  }

  /** A rendered value that must be an object (params, input). */
  @SuppressWarnings({"unchecked", "NullAway"}) // values may be null, as in JSON
  static Map<String, Object> object(@Nullable Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(
        path + " must be an object, but it rendered to " + TaskTemplate.describe(value));
  }
}
