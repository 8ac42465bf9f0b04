package dev.baton.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a definition is for: a blueprint the engine runs, or a CasareRPA workflow whose content is
 * opaque JSON that robots run. A name belongs to one kind for good.
 */
public enum DefinitionKind {
  BLUEPRINT,
  WORKFLOW;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DefinitionKind> fromWire(String s) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(s)).findFirst();
  }
}
