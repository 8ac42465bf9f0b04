package dev.baton.console.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.console.view.StateGraph;
import dev.baton.job.JobStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays a blueprint out as a {@link StateGraph}: each state in the column of its shortest distance
 * from the start, top to bottom in the order they are reached. An arrow to a later column runs
 * straight across; one to the same or an earlier column (a loop back, a retry) bends below the
 * boxes, so that it crosses none of them. Drawn on the server as SVG, so the page needs no script
 * and the strict Content-Security-Policy holds; a blueprint is small enough that this simple layout
 * reads well.
 */
final class GraphLayout {
  static final int BOX_WIDTH = 160;
  static final int BOX_HEIGHT = 44;
  private static final int GAP_X = 70;
  private static final int GAP_Y = 26;
  private static final int MARGIN = 20;
  private static final int LOOP_ROOM = 50;
  private static final int MAX_LABEL = 28;

  private GraphLayout() {}

  static StateGraph of(Blueprint b) {
    Map<String, Integer> column = columns(b);
    Map<String, Spot> place = new LinkedHashMap<>();
    Map<Integer, Integer> rows = new LinkedHashMap<>();
    int columns = 0;
    int maxRows = 0;
    for (Map.Entry<String, Integer> e : column.entrySet()) {
      int col = e.getValue();
      int row = rows.merge(col, 1, Integer::sum) - 1;
      place.put(e.getKey(), new Spot(col, x(col), y(row)));
      columns = Math.max(columns, col + 1);
      maxRows = Math.max(maxRows, row + 1);
    }
    List<StateGraph.Node> nodes = new ArrayList<>();
    for (Map.Entry<String, Spot> e : place.entrySet()) {
      State s = b.state(e.getKey());
      JobStatus end = s == null ? null : s.endStatus();
      String kind = s == null ? "undefined" : end != null ? end.wireName() : s.kind();
      Spot at = e.getValue();
      nodes.add(
          new StateGraph.Node(
              e.getKey(), kind, e.getKey().equals(b.start()), end != null, at.x(), at.y()));
    }
    int bottom = MARGIN + maxRows * (BOX_HEIGHT + GAP_Y) - GAP_Y;
    List<StateGraph.Edge> edges = new ArrayList<>();
    for (State s : b.states().values()) {
      for (String target : new TreeSet<>(s.targets())) {
        Spot from = place.get(s.name());
        Spot to = place.get(target);
        if (from != null && to != null) { // every state and target has its spot
          edges.add(edge(s, target, from, to, bottom));
        }
      }
    }
    int width = MARGIN * 2 + columns * (BOX_WIDTH + GAP_X) - GAP_X;
    return new StateGraph(width, bottom + LOOP_ROOM + MARGIN, nodes, edges);
  }

  /** Each state's column: its shortest distance from the start, the unreached after the rest. */
  private static Map<String, Integer> columns(Blueprint b) {
    Map<String, Integer> column = new LinkedHashMap<>();
    Deque<String> next = new ArrayDeque<>();
    column.put(b.start(), 0);
    next.add(b.start());
    while (!next.isEmpty()) {
      String name = next.removeFirst();
      State s = b.state(name);
      if (s == null) {
        continue;
      }
      for (String target : new TreeSet<>(s.targets())) {
        if (!column.containsKey(target)) {
          column.put(target, column.getOrDefault(name, 0) + 1);
          next.addLast(target);
        }
      }
    }
    int last = column.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    Set<String> rest = new LinkedHashSet<>(b.states().keySet());
    rest.removeAll(column.keySet());
    for (String name : rest) {
      column.put(name, last + 1);
    }
    return column;
  }

  /** Where a state's box sits: its column and its top left corner. */
  private record Spot(int column, int x, int y) {}

  private static StateGraph.Edge edge(State s, String target, Spot from, Spot to, int bottom) {
    String label = label(s, target);
    if (s.name().equals(target)) {
      int x = from.x() + BOX_WIDTH;
      int y = from.y();
      String path =
          "M %d %d C %d %d, %d %d, %d %d"
              .formatted(x, y + 12, x + 40, y - 14, x + 40, y + BOX_HEIGHT + 14, x, y + 32);
      return new StateGraph.Edge(s.name(), target, path, label, x + 8, y - 6);
    }
    if (to.column() > from.column()) {
      int x1 = from.x() + BOX_WIDTH;
      int y1 = from.y() + BOX_HEIGHT / 2;
      int x2 = to.x();
      int y2 = to.y() + BOX_HEIGHT / 2;
      String path =
          "M %d %d C %d %d, %d %d, %d %d"
              .formatted(x1, y1, x1 + GAP_X / 2, y1, x2 - GAP_X / 2, y2, x2, y2);
      return new StateGraph.Edge(
          s.name(), target, path, label, (x1 + x2) / 2 - 20, (y1 + y2) / 2 - 6);
    }
    // Back to the same or an earlier column: under the boxes, from bottom to bottom.
    int x1 = from.x() + BOX_WIDTH / 2 + 10;
    int x2 = to.x() + BOX_WIDTH / 2 - 10;
    int y1 = from.y() + BOX_HEIGHT;
    int y2 = to.y() + BOX_HEIGHT;
    int low = bottom + LOOP_ROOM - 10;
    String path = "M %d %d C %d %d, %d %d, %d %d".formatted(x1, y1, x1, low, x2, low, x2, y2);
    return new StateGraph.Edge(s.name(), target, path, label, (x1 + x2) / 2 - 20, low - 12);
  }

  /** The outcomes that lead from {@code s} to {@code target}, or "" when it names none. */
  private static String label(State s, String target) {
    List<String> outcomes = new ArrayList<>();
    new TreeMap<>(s.on())
        .forEach((outcome, to) -> {
          if (to.equals(target)) {
            outcomes.add(outcome);
          }
        });
    String text = String.join(", ", outcomes);
    return text.length() > MAX_LABEL ? text.substring(0, MAX_LABEL - 1) + "…" : text;
  }

  private static int x(int column) {
    return MARGIN + column * (BOX_WIDTH + GAP_X);
  }

  private static int y(int row) {
    return MARGIN + row * (BOX_HEIGHT + GAP_Y);
  }
}
