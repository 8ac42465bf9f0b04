package dev.baton.definition;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a definition version stands, and the moves between: a draft is published or thrown away
 * (archived); a published version is archived when no new job should start on it; an archived
 * version may be published again (a rollback). Nothing goes back to draft: a version that ran is
 * never edited, a change is a new version. Running jobs keep their version whatever its status.
 */
public enum DefinitionStatus {
  DRAFT,
  PUBLISHED,
  ARCHIVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DefinitionStatus> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
  }

  /** The statuses this one may move to. */
  public Set<DefinitionStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(PUBLISHED, ARCHIVED);
      case PUBLISHED -> EnumSet.of(ARCHIVED);
      case ARCHIVED -> EnumSet.of(PUBLISHED);
    };
  }

  /**
   * Checks a move of {@code what} (e.g. "blueprint 'orders' version 3") from this status.
   *
   * @throws DefinitionException CONFLICT naming the moves this status allows
   */
  public void check(DefinitionStatus to, String what) {
    if (!next().contains(to)) {
      throw DefinitionException.conflict(
          what
              + " is "
              + wireName()
              + "; it cannot become "
              + to.wireName()
              + " (a "
              + wireName()
              + " version can become: "
              + String.join(", ", next().stream().map(DefinitionStatus::wireName).toList())
              + ")");
    }
  }
}
