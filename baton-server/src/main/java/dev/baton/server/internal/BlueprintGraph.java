package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.job.JobStatus;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A blueprint as a Graphviz DOT digraph ({@code GET /api/.../blueprints/{name}/graph}): one node
 * per state, labelled with its kind, one edge per transition target, and a start marker. Written
 * here, so no Graphviz is needed on the server (Avtomatika answers 501 without it). States whose
 * handler is code show every state their code may lead to.
 */
public final class BlueprintGraph {
  private BlueprintGraph() {}

  public static String dot(Blueprint b) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(b.name())).append(" {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [shape=box, style=rounded];\n");
    out.append("  \"__start__\" [shape=point, label=\"\"];\n");
    Set<String> nodes = new LinkedHashSet<>(b.states().keySet());
    for (State s : b.states().values()) {
      nodes.addAll(new TreeSet<>(s.targets()));
    }
    for (String name : nodes) {
      State s = b.state(name);
      String kind = s == null ? "undefined" : s.kind();
      JobStatus end = s == null ? null : s.endStatus();
      String note = end == null ? kind : end.wireName();
      out.append("  ")
          .append(quote(name))
          .append(" [label=\"")
          .append(escape(name))
          .append("\\n(")
          .append(escape(note))
          .append(")\"")
          .append(end == null ? "" : ", shape=doublecircle")
          .append("];\n");
    }
    out.append("  \"__start__\" -> ").append(quote(b.start())).append(";\n");
    for (State s : b.states().values()) {
      for (String target : new TreeSet<>(s.targets())) {
        out.append("  ").append(quote(s.name())).append(" -> ").append(quote(target)).append(";\n");
      }
    }
    out.append("}\n");
    return out.toString();
  }

  /** A DOT quoted id: backslashes and double quotes escaped, line breaks as {@code \n}. */
  static String quote(String id) {
    return "\"" + escape(id) + "\"";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n");
  }
}
