package dev.baton.blueprint;

import dev.baton.job.Maps;
import dev.baton.job.TaskSpec;
import java.util.List;
import java.util.Map;

/** What a state's handler decides: exactly one action per handler call. */
public sealed interface Action {

  /** Moves on to another state at once. */
  record GoTo(String state) implements Action {}

  /** Hands a task to a worker; the result's status picks the next state. */
  record Dispatch(TaskSpec task, Map<String, String> transitions) implements Action {
    public Dispatch {
      transitions = Maps.copy(transitions);
    }
  }

  /** Runs tasks side by side; after the last one the job moves to {@code aggregateInto}. */
  record Parallel(List<TaskSpec> tasks, String aggregateInto) implements Action {
    public Parallel {
      tasks = List.copyOf(tasks);
    }
  }

  /** Waits for a person's decision; {@code transitions} maps decisions to states. */
  record AwaitApproval(String message, Map<String, String> transitions) implements Action {
    public AwaitApproval {
      transitions = Maps.copy(transitions);
    }
  }

  /** Starts a child job and waits; resumes by {@code success} or {@code failure}. */
  record RunSubflow(String blueprint, Map<String, Object> input, Map<String, String> transitions)
      implements Action {
    public RunSubflow {
      input = Maps.copy(input);
      transitions = Maps.copy(transitions);
    }
  }

  static Action goTo(String state) {
    return new GoTo(state);
  }

  static Action dispatch(TaskSpec task, Map<String, String> transitions) {
    return new Dispatch(task, transitions);
  }

  static Action parallel(List<TaskSpec> tasks, String aggregateInto) {
    return new Parallel(tasks, aggregateInto);
  }

  static Action awaitApproval(String message, Map<String, String> transitions) {
    return new AwaitApproval(message, transitions);
  }

  static Action runSubflow(
      String blueprint, Map<String, Object> input, Map<String, String> transitions) {
    return new RunSubflow(blueprint, input, transitions);
  }
}
