package dev.baton.console;

import dev.baton.engine.BatonException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The managed components and the scenarios as the console reads and drives them: the same engine as
 * {@code /api/v1/components} and {@code /api/v1/scenarios}, so a run started or an ACK sent here is
 * the one the API and the CLI see. {@link #NONE} when the server runs no scenarios.
 */
public interface ScenarioBoard {
  ScenarioBoard NONE =
      new ScenarioBoard() {
        @Override
        public List<Component> components() {
          return List.of();
        }

        @Override
        public List<String> commands() {
          return List.of();
        }

        @Override
        public List<Scenario> scenarios() {
          return List.of();
        }

        @Override
        public List<String> problems() {
          return List.of();
        }

        @Override
        public List<Run> runs(@Nullable String scenario, int limit) {
          return List.of();
        }

        @Override
        public Optional<Run> run(String jobId) {
          return Optional.empty();
        }

        @Override
        public void command(String component, String command, Map<String, Object> data) {
          throw BatonException.notFound("Component not found: " + component);
        }

        @Override
        public String runNow(String scenario, String by) {
          throw BatonException.notFound("Scenario not found: " + scenario);
        }

        @Override
        public void ack() {}

        @Override
        public void ack(String scenario) {
          throw BatonException.notFound("Scenario not found: " + scenario);
        }
      };

  /**
   * A component as last polled.
   *
   * @param fsmState its reported FSM state, or {@code UNKNOWN}
   * @param reason why the state is unknown or stale, or empty while it answers
   */
  record Component(
      String name,
      String group,
      String address,
      int port,
      String fsmState,
      boolean error,
      String errorMessage,
      String reason,
      @Nullable Instant lastSeen) {}

  /**
   * A scenario with its limits and counters.
   *
   * @param trigger {@code automatic}, {@code manual}, {@code event} or {@code schedule}
   * @param executions runs counted toward {@code maxExecutions} since the last ACK
   * @param blocked it reached {@code maxExecutions} and waits for an ACK
   * @param running the job ids of its runs in flight
   * @param definition the scenario file as read, as indented JSON
   */
  record Scenario(
      String name,
      String description,
      int priority,
      String trigger,
      long cooldownSeconds,
      int maxExecutions,
      int maxConcurrentExecutions,
      int executions,
      boolean blocked,
      List<String> running,
      @Nullable Instant lastEnd,
      String source,
      String file,
      String definition) {
    public Scenario {
      running = List.copyOf(running);
    }
  }

  /**
   * A scenario's run (its job).
   *
   * @param trigger what started it, as JSON
   * @param ended its job reached an end status (finished, failed, cancelled, ...)
   */
  record Run(
      String jobId,
      String scenario,
      String status,
      boolean ended,
      Instant createdAt,
      Instant updatedAt,
      String trigger,
      List<Action> actions,
      String error) {
    public Run {
      actions = List.copyOf(actions);
    }
  }

  /**
   * An action the run did.
   *
   * @param status {@code success}, {@code skipped} or {@code failure}
   * @param result what it answered, as JSON (empty when it failed)
   */
  record Action(
      int index,
      String type,
      String description,
      String status,
      String result,
      String error,
      @Nullable Instant startedAt,
      @Nullable Instant endedAt) {}

  List<Component> components();

  /** The FSM commands a component takes ({@code CMD_RUN}, ...). */
  List<String> commands();

  /** Every scenario loaded, in priority order. */
  List<Scenario> scenarios();

  default Optional<Scenario> scenario(String name) {
    return scenarios().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Why scenario files were not loaded, one line each. */
  List<String> problems();

  /** The newest runs of a scenario (of every one when null), at most {@code limit}. */
  List<Run> runs(@Nullable String scenario, int limit);

  /** A scenario run by its job id; empty when that job is not one. */
  Optional<Run> run(String jobId);

  /**
   * Sends an FSM command (one of {@link #commands()}) to a component, with the event's {@code data}
   * (empty for none).
   *
   * @throws BatonException NOT_FOUND for an unknown component, CONFLICT when it did not take the
   *     command (it cannot be reached)
   */
  void command(String component, String command, Map<String, Object> data);

  /**
   * Runs a scenario now, as {@code POST /api/v1/scenarios/{name}/run} does; returns its job's id.
   *
   * @throws BatonException NOT_FOUND for an unknown scenario, CONFLICT when its limits block it
   */
  String runNow(String scenario, String by);

  /** CMD_ACK: resets every scenario's max_executions counter and the notification counters. */
  void ack();

  /**
   * Resets one scenario's max_executions counter, as {@code POST /api/v1/scenarios/{name}/ack}
   * does.
   *
   * @throws BatonException NOT_FOUND for an unknown scenario
   */
  void ack(String scenario);
}
