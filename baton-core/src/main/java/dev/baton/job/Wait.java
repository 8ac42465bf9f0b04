package dev.baton.job;

import java.util.Map;

/** What a non-running job is waiting for. Stored with the job, so waiting survives a restart. */
public sealed interface Wait {

  /** Transition keys the job accepts now (task statuses or approval decisions). */
  Map<String, String> transitions();

  /** One dispatched task; its result status picks the next state. */
  record OnTask(String taskId, TaskSpec spec, int attempt, Map<String, String> transitions)
      implements Wait {
    public OnTask {
      transitions = Maps.copy(transitions);
    }
  }

  /**
   * Parallel branches. {@code pending} maps each open branch's current task id to its spec and
   * attempt; {@code results} holds finished branches keyed by their first task id, so a retried
   * branch keeps its key.
   */
  record OnBranches(String aggregateInto, Map<String, Branch> pending, Map<String, Object> results)
      implements Wait {
    public OnBranches {
      pending = Maps.copy(pending);
      results = Maps.copy(results);
    }

    @Override
    public Map<String, String> transitions() {
      return Map.of();
    }
  }

  /** A branch of a parallel step: its key in the results, what it runs, and its attempt. */
  record Branch(String key, TaskSpec spec, int attempt) {}

  /** A person's decision; {@code transitions} maps decisions to states. */
  record OnHuman(String message, Map<String, String> transitions) implements Wait {
    public OnHuman {
      transitions = Maps.copy(transitions);
    }
  }

  /** A child job; the parent resumes by {@code success} or {@code failure}. */
  record OnSubJob(String childJobId, Map<String, String> transitions) implements Wait {
    public OnSubJob {
      transitions = Maps.copy(transitions);
    }
  }
}
