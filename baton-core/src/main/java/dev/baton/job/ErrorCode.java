package dev.baton.job;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The error class of a failed task, which decides what the engine does next. */
public enum ErrorCode {
  /** Retried with backoff; after the last retry the job is quarantined. Also: no code at all. */
  TRANSIENT_ERROR,
  /** The job is quarantined at once: retrying cannot help, a person must look. */
  PERMANENT_ERROR,
  /** The job fails at once: its input is wrong. */
  INVALID_INPUT_ERROR;

  /** Unknown or missing codes are transient, as in Avtomatika. */
  public static ErrorCode parse(@Nullable String code) {
    if (code == null) {
      return TRANSIENT_ERROR;
    }
    try {
      return valueOf(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return TRANSIENT_ERROR;
    }
  }
}
