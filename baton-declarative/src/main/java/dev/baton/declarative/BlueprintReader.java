package dev.baton.declarative;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.BlueprintException;
import dev.baton.blueprint.Choice;
import dev.baton.blueprint.StateHandler;
import dev.baton.expr.CelCondition;
import dev.baton.expr.Expression;
import dev.baton.expr.ExpressionException;
import dev.baton.expr.Expressions;
import dev.baton.expr.Template;
import dev.baton.job.JobStatus;
import dev.baton.job.RetryPolicy;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns one schema-valid document into a {@link Blueprint}: compiles every expression, builds each
 * state with the core builder, and collects every problem (its own and the builder's) instead of
 * stopping at the first.
 */
final class BlueprintReader {
  static final List<String> KINDS =
      List.of("dispatch", "parallel", "approval", "subflow", "choose", "goto", "end");

  private static final Pattern STATE_IN_MESSAGE = Pattern.compile("state '([^']*)'");
  private static final StateHandler NOT_LOADED =
      ctx -> {
        throw new IllegalStateException("this state did not load");
      };

  private final Expressions cel;
  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private @Nullable String state;

  BlueprintReader(Expressions cel, String file) {
    this.cel = cel;
    this.file = file;
  }

  List<Problem> problems() {
    return problems;
  }

  /** The blueprint, or empty when there is any problem (see {@link #problems()}). */
  Optional<Blueprint> read(JsonNode doc) {
    Blueprint.Builder b = Blueprint.builder(doc.path("name").asString());
    b.version(doc.path("version").asInt(1));
    b.description(doc.path("description").asString(""));
    String apiVersion = text(doc, "api_version");
    String endpoint = text(doc, "api_endpoint");
    if (apiVersion != null || endpoint != null) {
      b.api(apiVersion, endpoint);
    }
    b.start(doc.path("start").asString());
    for (Map.Entry<String, JsonNode> e : doc.path("states").properties()) {
      state = e.getKey();
      addState(b, e.getKey(), e.getValue());
    }
    state = null;
    Blueprint built = null;
    try {
      built = b.build();
    } catch (BlueprintException e) {
      for (String p : e.problems()) {
        Matcher m = STATE_IN_MESSAGE.matcher(p);
        problems.add(new Problem(file, m.find() ? m.group(1) : null, "", p));
      }
    }
    return problems.isEmpty() ? Optional.ofNullable(built) : Optional.empty();
  }

  private void addState(Blueprint.Builder b, String name, JsonNode node) {
    String kind = KINDS.stream().filter(node::has).findFirst().orElseThrow();
    JsonNode body = node.get(kind);
    Map<String, String> on = transitions(node.path("on"));
    if (node.has("on") && !List.of("dispatch", "approval", "subflow").contains(kind)) {
      problem(
          "'on' has no effect in a " + kind + " state; use it with dispatch, approval or subflow");
    }
    int before = problems.size();
    switch (kind) {
      case "dispatch" -> {
        TaskTemplate task = task(body, "dispatch", Expressions.Scope.JOB);
        b.state(
            name,
            kind,
            Set.copyOf(on.values()),
            ok(before) ? Steps.strict(new Steps.Dispatch(task, on)) : NOT_LOADED);
      }
      case "parallel" -> parallel(b, name, body);
      case "approval" -> {
        String text = body.path("message").asString("Approve state '" + name + "'?");
        Template message = template(text, "approval.message", Expressions.Scope.JOB);
        b.state(
            name,
            kind,
            Set.copyOf(on.values()),
            ok(before) ? Steps.strict(new Steps.Approval(message, on)) : NOT_LOADED);
      }
      case "subflow" -> {
        for (String key : on.keySet()) {
          if (!key.equals("success") && !key.equals("failure")) {
            problem("a subflow ends in 'success' or 'failure', so 'on." + key + "' never happens");
          }
        }
        Template input = input(body.path("input"), "subflow.input");
        b.subflow(
            name,
            body.path("blueprint").asString(),
            ctx -> Steps.strictly(() -> Steps.subflowInput(input, ctx)),
            on);
      }
      case "choose" -> {
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : body.values()) {
          String when = c.path("when").asString();
          choices.add(new Choice(condition(when), c.path("goto").asString(), when));
        }
        b.choose(name, choices, node.path("default").asString());
      }
      case "goto" -> b.goTo(name, body.asString());
      default -> b.end(name, JobStatus.fromWire(body.asString()));
    }
    // What the compatibility check compares: the state as written, its outcomes apart.
    Map<String, Object> definition = new LinkedHashMap<>(JsonValues.object(node));
    definition.remove("on");
    b.describe(name, on, definition);
  }

  private void parallel(Blueprint.Builder b, String name, JsonNode body) {
    int before = problems.size();
    String aggregate = body.path("aggregate_into").asString();
    StateHandler handler = NOT_LOADED;
    if (body.has("for_each")) {
      Expression items = value(body.path("for_each").asString(), "parallel.for_each");
      TaskTemplate task = task(body.path("task"), "parallel.task", Expressions.Scope.ITEM);
      if (items != null) {
        handler = new Steps.ForEach(items, task, aggregate);
      }
    } else {
      List<TaskTemplate> tasks = new ArrayList<>();
      int i = 0;
      for (JsonNode t : body.path("tasks").values()) {
        tasks.add(task(t, "parallel.tasks[" + i++ + "]", Expressions.Scope.JOB));
      }
      handler = new Steps.Parallel(tasks, aggregate);
    }
    b.state(name, "parallel", Set.of(aggregate), ok(before) ? Steps.strict(handler) : NOT_LOADED);
  }

  private TaskTemplate task(JsonNode node, String path, Expressions.Scope scope) {
    Template params = input(node.path("params"), path + ".params", scope);
    RetryPolicy retry = node.has("retry") ? retry(node.path("retry"), path + ".retry") : null;
    Duration timeout =
        node.has("timeout") ? duration(node.path("timeout"), path + ".timeout") : null;
    Map<String, Object> resources = JsonValues.object(node.path("resources"));
    JsonNode maxCost = node.path("max_cost");
    String type = node.path("task").asString();
    if (Template.hasPlaceholder(type)) {
      // Workers register the task types they take; a type made per job could match none of them.
      problem(path + ".task: '" + type + "' is a template, but a task type must be a fixed name");
    }
    TaskSpec base;
    try {
      base =
          new TaskSpec(
              type,
              Map.of(),
              node.path("priority").asInt(0),
              timeout,
              retry,
              node.path("strategy").asString(TaskSpec.DEFAULT_STRATEGY),
              resources,
              maxCost.isNumber() ? maxCost.doubleValue() : null);
    } catch (IllegalArgumentException e) {
      problem(path + ": " + e.getMessage());
      base = TaskSpec.of("invalid", Map.of());
    }
    return new TaskTemplate(base, params, path);
  }

  private @Nullable RetryPolicy retry(JsonNode node, String path) {
    RetryPolicy d = RetryPolicy.DEFAULT;
    Duration initial =
        node.has("initial_delay") ? duration(node.path("initial_delay"), path) : d.initialDelay();
    Duration max = node.has("max_delay") ? duration(node.path("max_delay"), path) : d.maxDelay();
    if (initial == null || max == null) {
      return null;
    }
    try {
      return new RetryPolicy(
          node.path("max_retries").asInt(d.maxRetries()),
          initial,
          max,
          node.path("multiplier").asDouble(d.multiplier()),
          node.path("jitter").asDouble(d.jitter()));
    } catch (IllegalArgumentException e) {
      problem(path + ": " + e.getMessage());
      return null;
    }
  }

  private @Nullable Duration duration(JsonNode node, String path) {
    try {
      Duration d = Durations.parse(node.isNumber() ? node.decimalValue() : node.asString(), path);
      if (d.isNegative()) {
        problem(path + ": a duration must not be negative");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(String.valueOf(e.getMessage()));
      return null;
    }
  }

  /** An object of templates, or one {@code "${expr}"} that yields an object; missing: {}. */
  private Template input(JsonNode node, String path) {
    return input(node, path, Expressions.Scope.JOB);
  }

  private Template input(JsonNode node, String path, Expressions.Scope scope) {
    if (node.isMissingNode() || node.isNull()) {
      return template(Map.of(), path, scope);
    }
    Template t = template(JsonValues.toJava(node), path, scope);
    if (node.isString() && !t.isWholeExpression()) {
      problem(path + ": must be an object, or a single ${...} that gives one");
    }
    return t;
  }

  private Template template(@Nullable Object value, String path, Expressions.Scope scope) {
    List<Template.TemplateError> errors = new ArrayList<>();
    Template t = Template.compile(value, path, cel, scope, errors);
    errors.forEach(e -> problem(e.toString()));
    return t;
  }

  private CelCondition condition(String source) {
    try {
      return cel.condition(source);
    } catch (ExpressionException e) {
      problem(e.getMessage());
      return cel.condition("false");
    }
  }

  private @Nullable Expression value(String source, String path) {
    try {
      return cel.value(source);
    } catch (ExpressionException e) {
      problem(path + ": " + e.getMessage());
      return null;
    }
  }

  private static Map<String, String> transitions(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), e.getValue().asString());
    }
    return out;
  }

  private static @Nullable String text(JsonNode doc, String key) {
    JsonNode n = doc.get(key);
    return n == null || n.isNull() ? null : n.asString();
  }

  private boolean ok(int problemsBefore) {
    return problems.size() == problemsBefore;
  }

  private void problem(String message) {
    String s = state;
    problems.add(s == null ? Problem.of(file, message) : Problem.inState(file, s, message));
  }
}
