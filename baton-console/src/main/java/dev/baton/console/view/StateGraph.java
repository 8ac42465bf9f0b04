package dev.baton.console.view;

import java.util.List;

/**
 * A blueprint's states drawn as an SVG, laid out on the server: one column per step from the start
 * state, one box per state, one arrow per transition, labelled with the outcomes that take it.
 *
 * @param width the drawing's width in pixels
 * @param height its height
 */
public record StateGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

  /**
   * A state's box; {@code kind} is what it does (dispatch, approval, ...) or, for an end, the
   * status it gives the job.
   */
  public record Node(String name, String kind, boolean start, boolean end, int x, int y) {
    public int textX() {
      return x + 10;
    }
  }

  /** A transition: its SVG path, and its label's place. */
  public record Edge(String from, String to, String path, String label, int labelX, int labelY) {}
}
