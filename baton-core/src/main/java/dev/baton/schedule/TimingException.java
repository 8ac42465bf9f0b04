package dev.baton.schedule;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A timing that cannot be saved: a cron expression with the wrong number of fields or a value out
 * of range, one that never fires, a missing or malformed key in an imported schedule. The message
 * is meant for the person who wrote the schedule and names what is wrong, for example {@code cron
 * '61 * * * *': minute: value 61 is out of range 0-59}; {@link #field()} names the cron field or
 * the configuration key, when there is one.
 */
public class TimingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String field;

  public TimingException(String message) {
    this(message, null);
  }

  public TimingException(String message, @Nullable String field) {
    super(message);
    this.field = field;
  }

  /** The cron field ({@code minute}, {@code day-of-week}, ...) or key that is wrong, if any. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
