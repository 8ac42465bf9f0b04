package dev.baton.definition;

import dev.baton.engine.BatonException;

/**
 * A definition request the store refuses: the name or version does not exist ({@link
 * Reason#NOT_FOUND}), a move the lifecycle does not allow or a name of another kind ({@link
 * Reason#CONFLICT}), or a value that is not valid ({@link Reason#INVALID}). Nothing was written. An
 * engine refusal, so the HTTP faces answer it as they answer the engine's (404, 409, 400).
 */
public final class DefinitionException extends BatonException {
  private DefinitionException(Reason reason, String message) {
    super(reason, message);
  }

  public static DefinitionException notFound(String message) {
    return new DefinitionException(Reason.NOT_FOUND, message);
  }

  public static DefinitionException conflict(String message) {
    return new DefinitionException(Reason.CONFLICT, message);
  }

  public static DefinitionException invalid(String message) {
    return new DefinitionException(Reason.INVALID, message);
  }
}
