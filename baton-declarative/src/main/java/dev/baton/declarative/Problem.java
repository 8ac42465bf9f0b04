package dev.baton.declarative;

import org.jspecify.annotations.Nullable;

/**
 * Something wrong with a blueprint file, which is therefore not loaded.
 *
 * @param file the file name, as given (for a folder: the name inside it)
 * @param state the state the problem is in, when there is one
 * @param where a JSON pointer into the document ({@code /states/validate/dispatch}), {@code state
 *     'x'}, or empty
 * @param message what is wrong
 */
public record Problem(String file, @Nullable String state, String where, String message) {

  static Problem of(String file, String message) {
    return new Problem(file, null, "", message);
  }

  static Problem inState(String file, String state, String message) {
    return new Problem(file, state, "state '" + state + "'", message);
  }

  /** {@code orders.yaml: state 'route': condition 'x >' does not compile: ...}. */
  @Override
  public String toString() {
    return file + ": " + (where.isEmpty() ? "" : where + ": ") + message;
  }
}
