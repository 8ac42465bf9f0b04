package dev.baton.loop;

import org.jspecify.annotations.Nullable;

/**
 * A rules file that cannot be used, refused as a whole: the message names the file, the rule (when
 * the fault is in one) and the reason, e.g. {@code rules.yaml: rule 'alert_on_critical': when:
 * condition 'system.status ==' does not compile: ...}.
 */
public final class RulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final @Nullable String rule;
  private final String reason;

  public RulesException(String file, @Nullable String rule, String reason) {
    super(file + (rule == null ? "" : ": rule '" + rule + "'") + ": " + reason);
    this.file = file;
    this.rule = rule;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public @Nullable String rule() {
    return rule;
  }

  public String reason() {
    return reason;
  }
}
