package dev.baton.blueprint;

import dev.baton.job.JobStatus;
import dev.baton.job.Maps;
import dev.baton.job.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A state machine that jobs run: one start state, handlers per state, transitions, and the terminal
 * states {@code finished}, {@code failed}, {@code error} and {@code quarantined}. Immutable and
 * checked when built: exactly one start state, no transition to an undefined state, no unreachable
 * state.
 *
 * <pre>{@code
 * Blueprint order = Blueprint.builder("order")
 *     .start("charge")
 *     .dispatch("charge", TaskSpec.of("charge_card", Map.of()),
 *         Map.of("success", "finished", "declined", "failed"))
 *     .build();
 * }</pre>
 */
public record Blueprint(
    String name,
    int version,
    @Nullable String apiVersion,
    @Nullable String apiEndpoint,
    String description,
    String start,
    Map<String, State> states) {

  public Blueprint {
    states = Maps.copy(states);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The state by name; the implicit terminal states exist in every blueprint. */
  public @Nullable State state(String stateName) {
    State s = states.get(stateName);
    if (s == null && State.TERMINAL_NAMES.contains(stateName)) {
      return State.end(stateName, State.terminalStatus(stateName));
    }
    return s;
  }

  /** Builds and validates a blueprint; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private final String name;
    private int version = 1;
    private @Nullable String apiVersion;
    private @Nullable String apiEndpoint;
    private String description = "";
    private final List<String> starts = new ArrayList<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder version(int v) {
      version = v;
      return this;
    }

    /** Where clients create jobs: {@code POST /api/<apiVersion>/jobs/...}; version may be null. */
    public Builder api(@Nullable String apiVersion, @Nullable String endpoint) {
      this.apiVersion = apiVersion;
      this.apiEndpoint = endpoint;
      return this;
    }

    public Builder description(String d) {
      description = d;
      return this;
    }

    public Builder start(String stateName) {
      if (!starts.isEmpty()) {
        problems.add("already has a start state: '" + starts.get(0) + "'");
      }
      starts.add(stateName);
      return this;
    }

    /** A state with Java code; {@code targets} are all the states its actions may lead to. */
    public Builder state(String stateName, Set<String> targets, StateHandler handler) {
      return state(stateName, "code", targets, handler);
    }

    /** A state with code, labelled with its kind (as shown by APIs and docs). */
    public Builder state(String stateName, String kind, Set<String> targets, StateHandler handler) {
      return add(new State(stateName, handler, targets, null, kind), kind);
    }

    public Builder dispatch(String stateName, TaskSpec task, Map<String, String> transitions) {
      return add(
          new State(
              stateName,
              ctx -> Action.dispatch(task, transitions),
              Set.copyOf(transitions.values()),
              null,
              "dispatch",
              transitions,
              List.of("dispatch", task)),
          "dispatch");
    }

    public Builder goTo(String stateName, String target) {
      return add(
          new State(
              stateName,
              ctx -> Action.goTo(target),
              Set.of(target),
              null,
              "goto",
              Map.of(),
              List.of("goto", target)),
          "goto");
    }

    /** The first choice whose condition holds wins; none holds: {@code otherwise}. */
    public Builder choose(String stateName, List<Choice> choices, String otherwise) {
      List<Choice> ordered = List.copyOf(choices);
      Set<String> targets = new LinkedHashSet<>();
      ordered.forEach(c -> targets.add(c.target()));
      targets.add(otherwise);
      StateHandler handler =
          ctx -> {
            for (Choice c : ordered) {
              if (c.condition().test(ctx)) {
                return Action.goTo(c.target());
              }
            }
            return Action.goTo(otherwise);
          };
      List<Object> def = new ArrayList<>(List.of("choose", otherwise));
      ordered.forEach(c -> def.add(List.of(c.source(), c.target())));
      return add(new State(stateName, handler, targets, null, "choose", Map.of(), def), "choose");
    }

    public Builder parallel(String stateName, List<TaskSpec> tasks, String aggregateInto) {
      return add(
          new State(
              stateName,
              ctx -> Action.parallel(tasks, aggregateInto),
              Set.of(aggregateInto),
              null,
              "parallel",
              Map.of(),
              List.of("parallel", tasks, aggregateInto)),
          "parallel");
    }

    public Builder approval(String stateName, String message, Map<String, String> transitions) {
      return add(
          new State(
              stateName,
              ctx -> Action.awaitApproval(message, transitions),
              Set.copyOf(transitions.values()),
              null,
              "approval",
              transitions,
              List.of("approval", message)),
          "approval");
    }

    /** {@code transitions} maps {@code success} and {@code failure} to states. */
    public Builder subflow(
        String stateName,
        String child,
        Function<JobContext, Map<String, Object>> input,
        Map<String, String> transitions) {
      return add(
          new State(
              stateName,
              ctx -> Action.runSubflow(child, input.apply(ctx), transitions),
              Set.copyOf(transitions.values()),
              null,
              "subflow",
              transitions,
              List.of("subflow", child)),
          "subflow");
    }

    /** A state that ends the job with the given final status. */
    public Builder end(String stateName, JobStatus status) {
      try {
        return add(State.end(stateName, status), "end");
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return this;
      }
    }

    /**
     * Gives an added state the outcomes and the comparable definition its source declares (a
     * declarative document); see {@link State#definition()}. An unknown state is ignored: it failed
     * to be added and the problem is reported already.
     */
    public Builder describe(String stateName, Map<String, String> on, @Nullable Object definition) {
      states.computeIfPresent(stateName, (k, s) -> s.describedAs(on, definition));
      return this;
    }

    private Builder add(State state, String kind) {
      if (state.name().isBlank()) {
        problems.add("a " + kind + " state has an empty name");
      } else if (states.containsKey(state.name())) {
        problems.add("state '" + state.name() + "' is defined twice");
      } else {
        states.put(state.name(), state);
      }
      return this;
    }

    public Blueprint build() {
      List<String> found = new ArrayList<>(problems);
      if (name.isBlank()) {
        found.add("the blueprint has no name");
      }
      if (version < 1) {
        found.add("version must be 1 or more, was " + version);
      }
      if (starts.isEmpty()) {
        found.add("must have exactly one start state");
      }
      String start = starts.isEmpty() ? "" : starts.get(0);
      if (!start.isEmpty() && !states.containsKey(start)) {
        found.add("start state '" + start + "' is not defined");
      }
      for (State s : states.values()) {
        for (String t : s.targets()) {
          if (!states.containsKey(t) && !State.TERMINAL_NAMES.contains(t)) {
            found.add("state '" + s.name() + "' leads to '" + t + "', which is not defined");
          }
        }
      }
      if (states.containsKey(start)) {
        Set<String> reached = reachable(start);
        for (String s : states.keySet()) {
          if (!reached.contains(s)) {
            found.add("state '" + s + "' is unreachable from start state '" + start + "'");
          }
        }
      }
      if (!found.isEmpty()) {
        throw new BlueprintException(name, found);
      }
      return new Blueprint(name, version, apiVersion, apiEndpoint, description, start, states);
    }

    private Set<String> reachable(String start) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        String s = todo.pop();
        State state = states.get(s);
        if (state != null && seen.add(s)) {
          todo.addAll(state.targets());
        }
      }
      return seen;
    }
  }
}
