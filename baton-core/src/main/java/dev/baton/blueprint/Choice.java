package dev.baton.blueprint;

/** One branch of a {@code choose} state: when the condition holds, go to the state. */
public record Choice(Condition condition, String target, String source) {
  public static Choice when(Condition condition, String target) {
    return new Choice(condition, target, "<java>");
  }
}
