package dev.baton.scenarios.condition;

/**
 * A parsed condition tree node (spec section 1.3). Parse with {@link ConditionParser}; evaluate
 * with {@link #test}.
 *
 * <p>Under failure: a node whose values upstream would only refuse when evaluating it (a {@code
 * client_state} without a form, a bad regex, a missing {@code where}) parses to {@link Broken},
 * which throws {@link ConditionException} every time it is evaluated, so the logic operators'
 * child-error rules see the same errors as upstream's.
 */
public sealed interface Condition
    permits Condition.Always,
        Condition.Broken,
        Logic.Combine,
        Logic.Not,
        ClientState,
        Time,
        ErrorMessage,
        Database.Value,
        Database.Rows,
        VirtualDeviceError,
        Cel {

  /**
   * Whether the condition holds now; conditions that extract values put them into {@code
   * s.context()}.
   *
   * @throws ConditionException when it cannot be evaluated (bad configuration, database refused)
   * @throws IllegalArgumentException when a database component is not configured
   */
  boolean test(Situation s, Databases databases);

  /** No condition, or {@code {}}: always true. */
  Condition ALWAYS = new Always();

  /** Missing or empty: true. */
  record Always() implements Condition {
    @Override
    public boolean test(Situation s, Databases databases) {
      return true;
    }
  }

  /** A node that cannot be evaluated, with the reason it gives each time. */
  record Broken(String reason) implements Condition {
    @Override
    public boolean test(Situation s, Databases databases) {
      throw new ConditionException(reason);
    }
  }
}
