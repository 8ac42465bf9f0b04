package dev.baton.blueprint;

import java.util.List;

/** A blueprint that cannot run; every problem found is listed, each naming its state. */
public class BlueprintException extends RuntimeException {
  private final List<String> problems;

  public BlueprintException(String blueprint, List<String> problems) {
    super("blueprint '" + blueprint + "' is invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
