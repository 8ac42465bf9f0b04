package dev.baton.scenarios.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The logic operators with upstream's rules: {@code and}, {@code or}, {@code xor}, {@code nand},
 * {@code nor} over {@code conditions}, and {@code not} over {@code condition}. An empty list is
 * true for all five. A child that throws makes {@code and} false and {@code nand} true, and is
 * skipped (counted as false) by {@code or}, {@code xor} and {@code nor}.
 */
final class Logic {
  static final Set<String> NAMES = Set.of("and", "or", "not", "xor", "nand", "nor");

  private Logic() {}

  enum Op {
    AND,
    OR,
    XOR,
    NAND,
    NOR
  }

  /** One of the five list operators over its children. */
  record Combine(Op op, List<Condition> children) implements Condition {
    Combine {
      children = List.copyOf(children);
    }

    @Override
    public boolean test(Situation s, Databases db) {
      return switch (op) {
        case AND -> all(s, db);
        case OR -> children.isEmpty() || count(s, db) > 0;
        case XOR -> children.isEmpty() || count(s, db) == 1;
        case NOR -> count(s, db) == 0;
        case NAND -> children.isEmpty() || !all(s, db);
      };
    }

    /** Whether every child holds; a child that throws does not. */
    private boolean all(Situation s, Databases db) {
      for (Condition c : children) {
        try {
          if (!c.test(s, db)) {
            return false;
          }
        } catch (RuntimeException e) {
          return false;
        }
      }
      return true;
    }

    /** How many children hold; a child that throws is skipped. */
    private int count(Situation s, Databases db) {
      int n = 0;
      for (Condition c : children) {
        try {
          if (c.test(s, db)) {
            n++;
          }
        } catch (RuntimeException e) {
          // skipped, as upstream
        }
      }
      return n;
    }
  }

  /** {@code not}; without a {@code condition} it is true. */
  record Not(@Nullable Condition child) implements Condition {
    @Override
    public boolean test(Situation s, Databases db) {
      return child == null || !child.test(s, db);
    }
  }

  static Condition parse(
      String type,
      @Nullable Object body,
      String here,
      ConditionParser parser,
      List<String> problems) {
    if (type.equals("not")) {
      Object child = body instanceof Map<?, ?> b ? b.get("condition") : null;
      return new Not(child == null ? null : parser.parse(child, here + ".condition", problems));
    }
    List<Condition> children = new ArrayList<>();
    if (body instanceof Map<?, ?> b && b.get("conditions") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        children.add(parser.parse(list.get(i), here + ".conditions[" + i + "]", problems));
      }
    } else if (body instanceof Map<?, ?> b && b.get("conditions") != null) {
      problems.add(here + ".conditions must be a list");
    }
    return new Combine(Op.valueOf(type.toUpperCase(java.util.Locale.ROOT)), children);
  }
}
