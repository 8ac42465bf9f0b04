package dev.baton.console.internal;

import dev.baton.blueprint.Compatibility;
import dev.baton.console.view.BlueprintDetail;
import dev.baton.console.view.BlueprintTree;
import dev.baton.definition.Definition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the Blueprints panel shows stored versions, their diffs and checks. */
final class BlueprintViews {
  /** The content hash is a SHA-256 in hex; its start tells versions apart. */
  private static final int HASH_SHOWN = 12;

  /** Folders by their segments, so that {@code a/b} follows {@code a} and precedes {@code a-c}. */
  static final Comparator<String> FOLDERS =
      (a, b) -> Arrays.compare(segments(a), segments(b), Comparator.naturalOrder());

  private BlueprintViews() {}

  static BlueprintDetail.Version version(Definition d, int chosen) {
    String hash = d.contentHash();
    return new BlueprintDetail.Version(
        d.version(),
        d.status().wireName(),
        d.createdBy(),
        Show.time(d.createdAt()),
        Show.time(d.updatedAt()),
        hash.length() > HASH_SHOWN ? hash.substring(0, HASH_SHOWN) : hash,
        d.declaredVersion() == null ? "" : String.valueOf(d.declaredVersion()),
        d.version() == chosen);
  }

  /** A unified diff, each line marked for its colour. */
  static BlueprintDetail.Diff diff(int from, int to, String unified) {
    List<BlueprintDetail.Line> lines = new ArrayList<>();
    for (String line : unified.lines().toList()) {
      String kind =
          line.startsWith("@@")
              ? "hunk"
              : line.startsWith("+++") || line.startsWith("---")
                  ? "head"
                  : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "same";
      lines.add(new BlueprintDetail.Line(kind, line));
    }
    return new BlueprintDetail.Diff(from, to, lines);
  }

  static BlueprintDetail.Check check(Compatibility.Report r) {
    List<BlueprintDetail.StateRow> states = new ArrayList<>();
    for (Compatibility.StateCheck s : r.states()) {
      states.add(
          new BlueprintDetail.StateRow(
              s.state(),
              s.change().wireName(),
              s.verdict().wireName(),
              s.runningJobs(),
              s.move().wireName(),
              s.reason()));
    }
    long all = r.states().stream().mapToLong(Compatibility.StateCheck::runningJobs).sum();
    String summary =
        all
            + " running job(s) on version "
            + r.from()
            + ": "
            + r.jobs(Compatibility.Verdict.COMPATIBLE)
            + " move as they are, "
            + r.jobs(Compatibility.Verdict.NEEDS_MIGRATION)
            + " need a mapping, "
            + r.jobs(Compatibility.Verdict.INCOMPATIBLE)
            + " cannot move.";
    return new BlueprintDetail.Check(
        r.from(), r.to(), r.verdict().wireName(), summary, states, r.notes(), "");
  }

  static BlueprintDetail.Check refusedCheck(int against, int candidate, String why) {
    return new BlueprintDetail.Check(against, candidate, "", "", List.of(), List.of(), why);
  }

  /**
   * The folders holding the rows, each with its parents (a folder with none of its own shows as a
   * heading), parents first.
   */
  static List<BlueprintTree.Folder> tree(Map<String, List<BlueprintTree.Row>> byFolder) {
    Map<String, List<BlueprintTree.Row>> all = new TreeMap<>(FOLDERS);
    byFolder.forEach((folder, rows) -> {
      all.put(folder, rows);
      String parent = folder;
      while (parent.contains("/")) {
        parent = parent.substring(0, parent.lastIndexOf('/'));
        all.putIfAbsent(parent, List.of());
      }
    });
    List<BlueprintTree.Folder> out = new ArrayList<>();
    all.forEach((path, rows) -> {
      String[] parts = segments(path);
      String name = parts.length == 0 ? "" : parts[parts.length - 1];
      out.add(new BlueprintTree.Folder(path, name, parts.length, rows));
    });
    return out;
  }

  private static String[] segments(String folder) {
    return folder.isEmpty() ? new String[0] : folder.split("/");
  }
}
