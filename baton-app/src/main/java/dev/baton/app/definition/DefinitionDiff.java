package dev.baton.app.definition;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.baton.definition.Definition;
import java.util.List;

/** A unified diff (as {@code diff -u}) of two versions' content, with three lines of context. */
final class DefinitionDiff {
  private DefinitionDiff() {}

  /** Empty when the contents are the same. */
  static String between(Definition from, Definition to) {
    List<String> a = from.content().text().lines().toList();
    List<String> b = to.content().text().lines().toList();
    Patch<String> patch = DiffUtils.diff(a, b);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(label(from), label(to), a, patch, 3);
    return String.join("\n", lines) + "\n";
  }

  private static String label(Definition d) {
    return d.name() + "@" + d.version();
  }
}
