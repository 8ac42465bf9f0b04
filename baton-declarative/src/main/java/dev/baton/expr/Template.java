package dev.baton.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A value with <code>${expr}</code> placeholders, compiled once and rendered per job.
 *
 * <ul>
 *   <li>A string that is exactly <code>${expr}</code> renders to the expression's typed value (a
 *       number stays a number, a map stays a map).
 *   <li><code>${expr}</code> inside a longer string is replaced by the value as text: null is
 *       empty, maps and lists are JSON. <code>$${</code> writes a literal <code>${</code>.
 *   <li>Maps and lists are rendered all the way down; other values are kept as they are.
 * </ul>
 *
 * <pre>{@code
 * Template t = Template.compile(Map.of("id", "${initial_data.order_id}"), cel, Scope.JOB);
 * Object params = t.render(Expressions.variables(ctx));
 * }</pre>
 */
public final class Template {
  private final Node root;

  private Template(Node root) {
    this.root = root;
  }

  /**
   * Compiles every placeholder in {@code value}.
   *
   * @throws ExpressionException for the first placeholder that does not compile; {@link
   *     #compile(Object, String, Expressions, Expressions.Scope, List)} collects them all
   */
  public static Template compile(
      @Nullable Object value, Expressions expressions, Expressions.Scope scope) {
    List<TemplateError> errors = new ArrayList<>();
    Template t = compile(value, "", expressions, scope, errors);
    if (!errors.isEmpty()) {
      throw errors.get(0).error();
    }
    return t;
  }

  /**
   * Compiles every placeholder in {@code value}; each one that does not compile is added to {@code
   * errors} with its path and renders as null.
   *
   * @param path where the value is, for messages: {@code dispatch.params} gives paths such as
   *     {@code dispatch.params.order.id} and {@code dispatch.params.items[2]}; may be empty
   */
  public static Template compile(
      @Nullable Object value,
      String path,
      Expressions expressions,
      Expressions.Scope scope,
      List<TemplateError> errors) {
    return new Template(new Compiler(expressions, scope, errors).node(value, path));
  }

  /** True when a string holds a placeholder. */
  public static boolean hasPlaceholder(String text) {
    return text.contains("${");
  }

  /** True when the value has no placeholder anywhere, so rendering returns it unchanged. */
  public boolean isConstant() {
    return root instanceof Constant;
  }

  /** True when the value is one string that is exactly {@code ${expr}}: it renders to any type. */
  public boolean isWholeExpression() {
    return root instanceof Whole;
  }

  /**
   * Renders the value against the variables.
   *
   * @throws ExpressionException when an expression fails; its message starts with the path
   */
  public @Nullable Object render(Map<String, ?> variables) {
    return root.render(variables);
  }

  /** A placeholder that does not compile, at a path inside the value. */
  public record TemplateError(String path, ExpressionException error) {
    @Override
    public String toString() {
      return (path.isEmpty() ? "" : path + ": ") + error.getMessage();
    }
  }

  private sealed interface Node {
    @Nullable Object render(Map<String, ?> variables);
  }

  private record Constant(@Nullable Object value) implements Node {
    @Override
    public @Nullable Object render(Map<String, ?> variables) {
      return value;
    }
  }

  /** {@code "${expr}"}: the typed value. */
  private record Whole(String path, Expression expression) implements Node {
    @Override
    public @Nullable Object render(Map<String, ?> variables) {
      return evaluate(path, expression, variables);
    }
  }

  /** Text with placeholders; parts are Strings and Expressions. */
  private record Interpolated(String path, List<Object> parts) implements Node {
    @Override
    public String render(Map<String, ?> variables) {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        out.append(
            part instanceof Expression e
                ? Values.stringify(evaluate(path, e, variables))
                : (String) part);
      }
      return out.toString();
    }
  }

  private record MapNode(Map<String, Node> entries) implements Node {
    @Override
    public Map<String, @Nullable Object> render(Map<String, ?> variables) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.render(variables)));
      return Collections.unmodifiableMap(out);
    }
  }

  private record ListNode(List<Node> items) implements Node {
    @Override
    public List<@Nullable Object> render(Map<String, ?> variables) {
      List<@Nullable Object> out = new ArrayList<>(items.size());
      items.forEach(n -> out.add(n.render(variables)));
      return Collections.unmodifiableList(out);
    }
  }

  private static @Nullable Object evaluate(
      String path, Expression expression, Map<String, ?> variables) {
    try {
      return expression.evaluate(variables);
    } catch (ExpressionException e) {
      if (path.isEmpty()) {
        throw e;
      }
      throw new ExpressionException(
          path + ": " + e.getMessage(), e.source(), e.reason(), e.isCompileError());
    }
  }

  private static final class Compiler {
    private final Expressions expressions;
    private final Expressions.Scope scope;
    private final List<TemplateError> errors;

    Compiler(Expressions expressions, Expressions.Scope scope, List<TemplateError> errors) {
      this.expressions = expressions;
      this.scope = scope;
      this.errors = errors;
    }

    Node node(@Nullable Object value, String path) {
      return switch (value) {
        case String s -> text(s, path);
        case Map<?, ?> m -> map(m, path);
        case List<?> l -> list(l, path);
        case null -> new Constant(null);
        default -> new Constant(value);
      };
    }

    private Node map(Map<?, ?> m, String path) {
      Map<String, Node> entries = new LinkedHashMap<>();
      boolean constant = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        Node n = node(e.getValue(), path.isEmpty() ? key : path + "." + key);
        constant &= n instanceof Constant;
        entries.put(key, n);
      }
      if (constant) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        entries.forEach((k, n) -> copy.put(k, ((Constant) n).value()));
        return new Constant(Collections.unmodifiableMap(copy));
      }
      return new MapNode(entries);
    }

    private Node list(List<?> l, String path) {
      List<Node> items = new ArrayList<>();
      boolean constant = true;
      for (int i = 0; i < l.size(); i++) {
        Node n = node(l.get(i), path + "[" + i + "]");
        constant &= n instanceof Constant;
        items.add(n);
      }
      if (constant) {
        List<@Nullable Object> copy = new ArrayList<>();
        items.forEach(n -> copy.add(((Constant) n).value()));
        return new Constant(Collections.unmodifiableList(copy));
      }
      return new ListNode(items);
    }

    private Node text(String s, String path) {
      if (!hasPlaceholder(s)) {
        return new Constant(s);
      }
      List<Object> parts = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        if (s.startsWith("$${", i)) {
          literal.append("${");
          i += 3;
        } else if (s.startsWith("${", i)) {
          int end = closingBrace(s, i + 2);
          if (end < 0) {
            errors.add(
                new TemplateError(
                    path,
                    ExpressionException.compile(
                        "template", s, "'${' at " + (i + 1) + " has no closing '}'")));
            return new Constant(null);
          }
          String source = s.substring(i + 2, end).strip();
          Expression e;
          try {
            e = expressions.value(source, scope);
          } catch (ExpressionException ex) {
            errors.add(new TemplateError(path, ex));
            return new Constant(null);
          }
          if (!literal.isEmpty()) {
            parts.add(literal.toString());
            literal.setLength(0);
          }
          parts.add(e);
          i = end + 1;
        } else {
          literal.append(s.charAt(i));
          i++;
        }
      }
      if (!literal.isEmpty()) {
        parts.add(literal.toString());
      }
      if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
        return new Whole(path, e);
      }
      if (parts.stream().noneMatch(p -> p instanceof Expression)) {
        return new Constant(String.join("", parts.stream().map(String.class::cast).toList()));
      }
      return new Interpolated(path, List.copyOf(parts));
    }

    /** The index of the '}' that closes a placeholder, skipping nested braces and quoted text. */
    private static int closingBrace(String s, int from) {
      int depth = 1;
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
          i = endOfQuoted(s, i);
          if (i < 0) {
            return -1;
          }
        } else if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          return i;
        }
      }
      return -1;
    }

    private static int endOfQuoted(String s, int start) {
      char quote = s.charAt(start);
      for (int i = start + 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          return i;
        }
      }
      return -1;
    }
  }
}
