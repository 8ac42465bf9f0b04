package dev.baton.expr;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The field paths an expression reads: every longest chain of field selections ({@code a.b.c}) that
 * starts at one of the declared variables. Comprehension variables ({@code x} in {@code
 * list.exists(x, x > 1)}) are not declared variables and are left out.
 */
final class Reads {
  private Reads() {}

  static List<String> of(CelExpr root, List<String> variables) {
    Set<String> out = new LinkedHashSet<>();
    walk(root, Set.copyOf(variables), out);
    return new ArrayList<>(out);
  }

  private static void walk(CelExpr e, Set<String> variables, Set<String> out) {
    String path = path(e, variables);
    if (path != null) {
      out.add(path);
      return;
    }
    switch (e.getKind()) {
      case SELECT -> walk(e.select().operand(), variables, out);
      case CALL -> {
        e.call().target().ifPresent(t -> walk(t, variables, out));
        e.call().args().forEach(a -> walk(a, variables, out));
      }
      case LIST -> e.list().elements().forEach(x -> walk(x, variables, out));
      case MAP ->
          e.map()
              .entries()
              .forEach(x -> {
                walk(x.key(), variables, out);
                walk(x.value(), variables, out);
              });
      case STRUCT -> e.struct().entries().forEach(x -> walk(x.value(), variables, out));
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        for (CelExpr part :
            List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep(), c.result())) {
          walk(part, variables, out);
        }
      }
      default -> {}
    }
  }

  /** {@code a.b.c} when the expression is a selection chain rooted at a variable, else null. */
  private static @Nullable String path(CelExpr e, Set<String> variables) {
    return switch (e.getKind()) {
      case IDENT -> variables.contains(e.ident().name()) ? e.ident().name() : null;
      case SELECT -> {
        String base = path(e.select().operand(), variables);
        yield base == null ? null : base + "." + e.select().field();
      }
      default -> null;
    };
  }
}
