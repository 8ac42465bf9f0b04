package dev.baton.blueprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether the jobs running on one version of a blueprint can move to another, state by state. A job
 * moves only between steps, so what matters is the state it sits in: kept as it was (the job moves
 * as it is), changed or gone (it must be sent somewhere on purpose, with a mapping), or changed so
 * that the task it waits for may return a status that leads nowhere.
 *
 * <p>Pure: the running jobs come in as counts by state, so the same check answers a dry run, an API
 * call and a test.
 */
public final class Compatibility {
  private Compatibility() {}

  /** The verdict, worst last; a report's verdict is its worst state's. */
  public enum Verdict {
    /** Every running job can move as it is. */
    COMPATIBLE,
    /** Some running jobs sit in a state that changed or vanished: each needs a mapping. */
    NEEDS_MIGRATION,
    /** Some running jobs cannot move safely as the check was asked. */
    INCOMPATIBLE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What happened to one state between the two versions. */
  public enum Change {
    UNCHANGED,
    /** A state of Java code, same kind and targets: its code cannot be compared, it is trusted. */
    CODE_NOT_COMPARED,
    /** Only new outcomes (result statuses, decisions): a waiting job takes them on as it is. */
    OUTCOMES_ADDED,
    /** An outcome of version A leads to another state in version B. */
    OUTCOMES_RETARGETED,
    /** An outcome of version A (a result status a task may return) leads nowhere in version B. */
    OUTCOMES_LOST,
    /** What the state does changed: its task, params, message, conditions or targets. */
    DEFINITION_CHANGED,
    /** The state is of another kind (dispatch, approval, ...). */
    KIND_CHANGED,
    /** Gone from version B. */
    REMOVED,
    /** Gone from version B, and a new state of B is defined exactly as it was. */
    RENAMED,
    /** New in version B. */
    ADDED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a migration does with a job in the state. */
  public enum Move {
    /** It stays in its state (and its wait), now on version B. */
    AS_IS,
    /** It enters {@code target} of version B afresh; an open task is cancelled first. */
    REENTER,
    /** It stays on version A; {@code fix} says what would let it move. */
    REFUSE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One state: what changed ({@code what}), how many running jobs it holds, and what a migration
   * does with a job in it ({@code move}, into {@code target}); a refused move says its {@code fix}.
   */
  public record StateCheck(
      String state,
      Change change,
      Verdict verdict,
      long runningJobs,
      Move move,
      @Nullable String target,
      String what,
      @Nullable String fix) {

    /** The reason for people: what changed, the jobs in it, and what to do. */
    public String reason() {
      if (runningJobs == 0) {
        return change == Change.ADDED ? what : what + "; no running job is in it";
      }
      String jobs = runningJobs + (runningJobs == 1 ? " running job is" : " running jobs are");
      return switch (move) {
        case AS_IS -> what + "; " + jobs + " in it and move as they are";
        case REENTER -> what + "; " + jobs + " in it and enter '" + target + "' afresh";
        case REFUSE -> what + "; " + jobs + " in it: " + fix;
      };
    }
  }

  /** The whole check. */
  public record Report(
      String blueprint,
      int from,
      int to,
      Verdict verdict,
      List<StateCheck> states,
      Map<String, String> mapping,
      List<String> notes) {
    public Report {
      states = List.copyOf(states);
      mapping = Map.copyOf(mapping);
      notes = List.copyOf(notes);
    }

    /** The check of a state of version A (or of a state its jobs are in). */
    public @Nullable StateCheck of(String state) {
      return states.stream()
          .filter(s -> s.state().equals(state) && s.change() != Change.ADDED)
          .findFirst()
          .orElse(null);
    }

    /** Running jobs by verdict of their state, for a summary line. */
    public long jobs(Verdict v) {
      return states.stream().filter(s -> s.verdict() == v).mapToLong(StateCheck::runningJobs).sum();
    }
  }

  /**
   * Compares version {@code a} with {@code b}.
   *
   * @param running the jobs of {@code a} that have not ended, by state
   * @param mapping {@code old_state: new_state} for jobs that must go elsewhere
   * @throws IllegalArgumentException naming the entry, when the mapping names a state that is not
   *     in {@code a} (nor holds its jobs), or a target that is not a state of {@code b} a job can
   *     enter
   */
  public static Report check(
      Blueprint a, Blueprint b, Map<String, Long> running, Map<String, String> mapping) {
    if (!a.name().equals(b.name())) {
      throw new IllegalArgumentException(
          "cannot compare blueprint '" + a.name() + "' with blueprint '" + b.name() + "'");
    }
    Set<String> fromStates = new LinkedHashSet<>(a.states().keySet());
    fromStates.addAll(running.keySet());
    mapping.forEach((from, to) -> checkEntry(a, b, fromStates, from, to));
    List<StateCheck> out = new ArrayList<>();
    Set<String> renamedTo = new LinkedHashSet<>();
    for (String s : fromStates) {
      StateCheck c = stateCheck(a, b, s, running.getOrDefault(s, 0L), mapping.get(s));
      if (c.change() == Change.RENAMED) {
        renamedTo.add(Objects.requireNonNull(renamedTo(a, b, s)));
      }
      out.add(c);
    }
    for (String s : b.states().keySet()) {
      if (!a.states().containsKey(s)) {
        String why = renamedTo.contains(s) ? "added (defined as a removed state was)" : "added";
        out.add(new StateCheck(s, Change.ADDED, Verdict.COMPATIBLE, 0, Move.AS_IS, s, why, null));
      }
    }
    List<String> notes = new ArrayList<>();
    if (!a.start().equals(b.start())) {
      notes.add(
          "the start state is '"
              + b.start()
              + "' (was '"
              + a.start()
              + "'): only new jobs start there");
    }
    Verdict worst =
        out.stream().map(StateCheck::verdict).max(Enum::compareTo).orElse(Verdict.COMPATIBLE);
    return new Report(a.name(), a.version(), b.version(), worst, out, mapping, notes);
  }

  private static void checkEntry(
      Blueprint a, Blueprint b, Set<String> fromStates, String from, String to) {
    String entry = "mapping '" + from + ": " + to + "'";
    if (!fromStates.contains(from)) {
      throw new IllegalArgumentException(
          entry + ": '" + from + "' is not a state of " + a.name() + " v" + a.version());
    }
    State target = b.states().get(to);
    if (target == null) {
      throw new IllegalArgumentException(
          entry + ": '" + to + "' is not a state of " + b.name() + " v" + b.version());
    }
    if (target.isEnd()) {
      throw new IllegalArgumentException(
          entry + ": '" + to + "' ends a job; a migration moves jobs into states that run");
    }
  }

  private static StateCheck stateCheck(
      Blueprint a, Blueprint b, String s, long n, @Nullable String mappedTo) {
    State now = b.states().get(s);
    Change change = change(a, b, s, a.states().get(s), now);
    String what = describe(a, b, s, change);
    if (mappedTo != null && !(mappedTo.equals(s) && keepsMeaning(change))) {
      Verdict v = n == 0 ? Verdict.COMPATIBLE : Verdict.NEEDS_MIGRATION;
      return new StateCheck(s, change, v, n, Move.REENTER, mappedTo, what, null);
    }
    if (keepsMeaning(change)) {
      return new StateCheck(s, change, Verdict.COMPATIBLE, n, Move.AS_IS, s, what, null);
    }
    Verdict v =
        n == 0
            ? Verdict.COMPATIBLE
            : change == Change.RENAMED || change == Change.OUTCOMES_LOST
                ? Verdict.INCOMPATIBLE
                : Verdict.NEEDS_MIGRATION;
    String fix =
        change == Change.RENAMED
            ? "map '" + s + ": " + renamedTo(a, b, s) + "'"
            : now == null || now.isEnd()
                ? "map it to a state of v" + b.version()
                : "map '" + s + ": " + s + "' to enter it afresh, or map it to another state";
    return new StateCheck(s, change, v, n, Move.REFUSE, null, what, fix);
  }

  private static boolean keepsMeaning(Change c) {
    return c == Change.UNCHANGED || c == Change.CODE_NOT_COMPARED || c == Change.OUTCOMES_ADDED;
  }

  private static Change change(
      Blueprint a, Blueprint b, String s, @Nullable State was, @Nullable State now) {
    if (was == null || now == null) {
      return was != null && renamedTo(a, b, s) != null ? Change.RENAMED : Change.REMOVED;
    }
    if (!was.kind().equals(now.kind())) {
      return Change.KIND_CHANGED;
    }
    if (!Objects.equals(was.definition(), now.definition())
        || !(targetsAreOutcomes(was) && targetsAreOutcomes(now))
            && !was.targets().equals(now.targets())) {
      return Change.DEFINITION_CHANGED;
    }
    for (Map.Entry<String, String> e : was.on().entrySet()) {
      String to = now.on().get(e.getKey());
      if (to == null) {
        return Change.OUTCOMES_LOST;
      }
      if (!to.equals(e.getValue())) {
        return Change.OUTCOMES_RETARGETED;
      }
    }
    if (!was.on().equals(now.on())) {
      return Change.OUTCOMES_ADDED;
    }
    return was.definition() == null && !was.isEnd() ? Change.CODE_NOT_COMPARED : Change.UNCHANGED;
  }

  /** Where the state leads is its outcomes: compared as outcomes, not as a changed definition. */
  private static boolean targetsAreOutcomes(State s) {
    return !s.on().isEmpty() && s.targets().equals(Set.copyOf(s.on().values()));
  }

  /** The state of {@code b}, new in it, defined exactly as {@code s} of {@code a} was. */
  private static @Nullable String renamedTo(Blueprint a, Blueprint b, String s) {
    State was = a.states().get(s);
    if (was == null || was.definition() == null || b.states().containsKey(s)) {
      return null;
    }
    for (State candidate : b.states().values()) {
      if (!a.states().containsKey(candidate.name())
          && candidate.kind().equals(was.kind())
          && candidate.on().equals(was.on())
          && Objects.equals(candidate.definition(), was.definition())) {
        return candidate.name();
      }
    }
    return null;
  }

  private static String describe(Blueprint a, Blueprint b, String s, Change change) {
    State was = a.states().get(s);
    State now = b.states().get(s);
    return switch (change) {
      case UNCHANGED -> "unchanged";
      case CODE_NOT_COMPARED -> "Java code, same kind and targets (code is not compared)";
      case OUTCOMES_ADDED ->
          "new outcomes " + newKeys(Objects.requireNonNull(was), Objects.requireNonNull(now));
      case OUTCOMES_RETARGETED, OUTCOMES_LOST ->
          outcomeChanges(Objects.requireNonNull(was), Objects.requireNonNull(now));
      case DEFINITION_CHANGED -> "its definition changed";
      case KIND_CHANGED ->
          "was "
              + Objects.requireNonNull(was).kind()
              + ", is "
              + Objects.requireNonNull(now).kind()
              + " now";
      case REMOVED -> was == null ? "not a state of v" + a.version() : "removed in v" + b.version();
      case RENAMED -> "removed; looks renamed to '" + renamedTo(a, b, s) + "'";
      case ADDED -> "added";
    };
  }

  private static List<String> newKeys(State was, State now) {
    return now.on().keySet().stream().filter(k -> !was.on().containsKey(k)).toList();
  }

  private static String outcomeChanges(State was, State now) {
    Map<String, String> lost = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    was.on()
        .forEach((k, v) -> {
          String to = now.on().get(k);
          if (to == null) {
            lost.put(k, v);
          } else if (!to.equals(v)) {
            parts.add("'" + k + "' leads to '" + to + "' (was '" + v + "')");
          }
        });
    lost.forEach((k, v) ->
        parts.add(
            "outcome '"
                + k
                + "' leads nowhere (was '"
                + v
                + "'): a job waiting"
                + " here that gets it fails"));
    return String.join(", ", parts);
  }
}
