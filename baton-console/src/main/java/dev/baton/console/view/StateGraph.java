package dev.baton.console.view;

import java.util.List;
import java.util.Set;

/**
 * A blueprint's states drawn as an SVG, laid out on the server by Eclipse ELK's layered algorithm:
 * one box per state, one arrow per transition along the route ELK computed, labelled with the
 * outcomes that take it. A job's page marks the path the job took ({@link #along}).
 *
 * @param width the drawing's width in pixels
 * @param height its height
 */
public record StateGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

  public StateGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A state's box, its top left corner at ({@code x}, {@code y}); {@code kind} is what it does
   * (dispatch, approval, ...) or, for an end, the status it gives the job. {@code shown} is the
   * name as drawn (a very long one is cut). {@code mark} is "" or, on a job's page, {@code visited}
   * or {@code current}.
   */
  public record Node(
      String name,
      String shown,
      String kind,
      boolean start,
      boolean end,
      int x,
      int y,
      int width,
      int height,
      String mark) {
    public int textX() {
      return x + 10;
    }

    /** The SVG group's classes. */
    public String classes() {
      return "node"
          + (start ? " start" : "")
          + (end ? " end" : "")
          + (mark.isEmpty() ? "" : " " + mark);
    }
  }

  /**
   * A transition: its SVG path (the route's start, bend points and end), its label's baseline
   * start, and whether the job whose page this is took it.
   */
  public record Edge(
      String from, String to, String path, String label, int labelX, int labelY, boolean taken) {
    /** The SVG group's classes. */
    public String classes() {
      return taken ? "edge taken" : "edge";
    }
  }

  /** A transition a job made, from one state to the next. */
  public record Step(String from, String to) {}

  /**
   * The same drawing with a job's path marked: the states it passed through {@code visited}, the
   * one it is in {@code current}, and the transitions it made {@code taken}.
   */
  public StateGraph along(Set<String> visited, String current, Set<Step> steps) {
    List<Node> marked =
        nodes.stream()
            .map(n -> {
              String mark =
                  n.name().equals(current)
                      ? "current"
                      : visited.contains(n.name()) ? "visited" : "";
              return new Node(
                  n.name(),
                  n.shown(),
                  n.kind(),
                  n.start(),
                  n.end(),
                  n.x(),
                  n.y(),
                  n.width(),
                  n.height(),
                  mark);
            })
            .toList();
    List<Edge> taken =
        edges.stream()
            .map(e ->
                new Edge(
                    e.from(),
                    e.to(),
                    e.path(),
                    e.label(),
                    e.labelX(),
                    e.labelY(),
                    steps.contains(new Step(e.from(), e.to()))))
            .toList();
    return new StateGraph(width, height, marked, taken);
  }
}
