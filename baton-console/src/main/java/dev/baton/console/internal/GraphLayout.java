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
import org.eclipse.elk.alg.layered.options.CycleBreakingStrategy;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jspecify.annotations.Nullable;

/**
 * Lays a blueprint out as a {@link StateGraph} with Eclipse ELK's layered algorithm, left to right
 * from the start state: ELK places the boxes and edge labels and routes each arrow (loops back and
 * retries included) around the boxes, and the page draws what it computed. Drawn on the server as
 * SVG, so the page needs no script and the strict Content-Security-Policy holds.
 */
final class GraphLayout {
  static final int BOX_HEIGHT = 44;
  private static final int MAX_NAME = 32;
  private static final int MAX_LABEL = 28;
  // Rough widths of a character in the console's fonts (12px names, 11px kinds, 10.5px labels):
  // ELK needs every box's and label's size before it places them, and the server measures no text.
  private static final double NAME_CHAR = 7.2;
  private static final double KIND_CHAR = 6.4;
  private static final double LABEL_CHAR = 6.2;
  private static final int LABEL_HEIGHT = 14;

  static {
    // Outside Eclipse ELK finds its algorithms through META-INF/services; registering the layered
    // one here too keeps it found where those files were lost (a jar built without merging them).
    LayoutMetaDataService service = LayoutMetaDataService.getInstance();
    if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
      service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }
  }

  private GraphLayout() {}

  static StateGraph of(Blueprint b) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 26.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 3.0);
    // Cycles (a retry, a loop back for review) are broken against the order the boxes are given
    // in, the order they are reached from the start: the start stays first, and an arrow back to
    // an earlier state is the one drawn backwards.
    root.setProperty(LayeredOptions.CYCLE_BREAKING_STRATEGY, CycleBreakingStrategy.MODEL_ORDER);

    Map<String, ElkNode> boxes = new LinkedHashMap<>();
    reachOrder(b).forEach(name -> box(b, root, boxes, name));
    Map<ElkEdge, Arrow> arrows = new LinkedHashMap<>();
    for (State s : b.states().values()) {
      for (String target : new TreeSet<>(s.targets())) {
        ElkEdge e = ElkGraphUtil.createSimpleEdge(boxes.get(s.name()), boxes.get(target));
        String label = label(s, target);
        if (!label.isEmpty()) {
          ElkLabel l = ElkGraphUtil.createLabel(label, e);
          l.setDimensions(Math.ceil(label.length() * LABEL_CHAR), LABEL_HEIGHT);
        }
        arrows.put(e, new Arrow(s.name(), target, label));
      }
    }

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    List<StateGraph.Node> nodes = new ArrayList<>();
    boxes.forEach((name, box) -> nodes.add(node(b, name, box)));
    List<StateGraph.Edge> edges = new ArrayList<>();
    arrows.forEach((e, a) -> edges.add(edge(e, a)));
    return new StateGraph(
        (int) Math.ceil(root.getWidth()), (int) Math.ceil(root.getHeight()), nodes, edges);
  }

  /** The states and targets breadth first from the start, then the ones it does not reach. */
  private static Set<String> reachOrder(Blueprint b) {
    Set<String> order = new LinkedHashSet<>();
    Deque<String> next = new ArrayDeque<>(List.of(b.start()));
    while (!next.isEmpty()) {
      String name = next.removeFirst();
      State s = b.state(name);
      if (order.add(name) && s != null) {
        next.addAll(new TreeSet<>(s.targets()));
      }
    }
    order.addAll(b.states().keySet());
    b.states().values().forEach(s -> order.addAll(new TreeSet<>(s.targets())));
    return order;
  }

  /** A box for the state (once), as wide as its name or kind needs. */
  private static void box(Blueprint b, ElkNode root, Map<String, ElkNode> boxes, String name) {
    if (boxes.containsKey(name)) {
      return;
    }
    ElkNode n = ElkGraphUtil.createNode(root);
    n.setIdentifier(name);
    double text =
        Math.max(shown(name).length() * NAME_CHAR, kind(b.state(name), name).length() * KIND_CHAR);
    n.setDimensions(Math.max(90, Math.ceil(text) + 20), BOX_HEIGHT);
    boxes.put(name, n);
  }

  private static StateGraph.Node node(Blueprint b, String name, ElkNode box) {
    State s = b.state(name);
    return new StateGraph.Node(
        name,
        shown(name),
        kind(s, name),
        name.equals(b.start()),
        s != null && s.endStatus() != null,
        round(box.getX()),
        round(box.getY()),
        round(box.getWidth()),
        round(box.getHeight()),
        "");
  }

  /** A transition as given to ELK: the states it joins and the outcomes that take it. */
  private record Arrow(String from, String to, String label) {}

  /** The route ELK computed: its sections' starts, bend points and ends, as one SVG path. */
  private static StateGraph.Edge edge(ElkEdge e, Arrow a) {
    StringBuilder path = new StringBuilder();
    for (ElkEdgeSection section : e.getSections()) {
      path.append(path.isEmpty() ? "M " : " L ")
          .append(round(section.getStartX()))
          .append(' ')
          .append(round(section.getStartY()));
      for (ElkBendPoint p : section.getBendPoints()) {
        path.append(" L ").append(round(p.getX())).append(' ').append(round(p.getY()));
      }
      path.append(" L ")
          .append(round(section.getEndX()))
          .append(' ')
          .append(round(section.getEndY()));
    }
    int labelX = 0;
    int labelY = 0;
    if (!e.getLabels().isEmpty()) {
      ElkLabel l = e.getLabels().getFirst();
      labelX = round(l.getX());
      labelY = round(l.getY() + l.getHeight() - 3); // SVG text sits on its baseline
    }
    return new StateGraph.Edge(a.from(), a.to(), path.toString(), a.label(), labelX, labelY, false);
  }

  /** What a state does, or for an end the status it gives; "undefined" for a missing target. */
  private static String kind(@Nullable State s, String name) {
    if (s == null) {
      return "undefined";
    }
    JobStatus end = s.endStatus();
    return end != null ? end.wireName() : s.kind();
  }

  private static String shown(String name) {
    return name.length() > MAX_NAME ? name.substring(0, MAX_NAME - 1) + "…" : name;
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

  private static int round(double v) {
    return (int) Math.round(v);
  }
}
