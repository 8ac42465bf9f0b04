package dev.baton.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Text for people: rows of a JSON array under named columns, or the fields of one object as {@code
 * name value} lines. Scalars print as they are ({@code -} for null or missing), lists of scalars
 * joined by commas, anything else as compact JSON cut at {@value #WIDEST} characters (the JSON
 * output has it all).
 */
final class Table {
  static final int WIDEST = 80;

  private Table() {}

  /**
   * One line per element of {@code rows}, a header first. A column names a field, or a path through
   * objects with dots ({@code system.status}).
   */
  static void rows(PrintStream out, JsonNode rows, List<String> columns) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
    for (JsonNode row : rows) {
      lines.add(columns.stream().map(c -> cell(at(row, c))).toArray(String[]::new));
    }
    int[] width = new int[columns.size()];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        b.append(line[i]);
        if (i < line.length - 1) {
          b.append(" ".repeat(width[i] - line[i].length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /** The fields of an object (all of them, or those named), one per line. */
  static void fields(PrintStream out, JsonNode object, List<String> names) {
    List<Map.Entry<String, JsonNode>> shown = new ArrayList<>();
    if (names.isEmpty()) {
      object.properties().forEach(shown::add);
    } else {
      names.forEach(n -> shown.add(Map.entry(n, at(object, n))));
    }
    int width = shown.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
    for (Map.Entry<String, JsonNode> e : shown) {
      out.println(
          (e.getKey() + " ".repeat(width - e.getKey().length() + 2) + cell(e.getValue()))
              .stripTrailing());
    }
  }

  static JsonNode at(JsonNode node, String path) {
    JsonNode n = node;
    for (String part : path.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  static String cell(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return "-";
    }
    if (v.isValueNode()) {
      return v.asString();
    }
    if (v.isArray() && v.valueStream().allMatch(JsonNode::isValueNode)) {
      return cut(String.join(",", v.valueStream().map(JsonNode::asString).toList()));
    }
    return cut(v.toString());
  }

  private static String cut(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= WIDEST ? one : one.substring(0, WIDEST - 1) + "…";
  }
}
