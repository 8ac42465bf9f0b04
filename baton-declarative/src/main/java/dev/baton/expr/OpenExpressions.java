package dev.baton.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiles CEL over variables the caller names, each of any type ({@code dyn}): the control loop's
 * rules over a system snapshot ({@code jobs}, {@code workers}, {@code system}, plug-in sections).
 * The options are those of {@link Expressions} (standard macros, optional syntax, string functions,
 * comparisons between int and double) plus the math extension ({@code math.least(a, b)}, {@code
 * math.greatest(...)}). Thread-safe; what it compiles is immutable.
 *
 * <p>What compiled is kept for the process (at most {@value #KEPT} formulas, all dropped when that
 * fills): the same rules compile again on every start of the loop and every reload of its file, and
 * a compile costs milliseconds where a look-up costs nothing. A source that does not compile is not
 * kept; it fails again, with the same message, each time.
 *
 * <pre>{@code
 * OpenExpressions cel = new OpenExpressions(List.of("jobs", "system"));
 * Formula f = cel.condition("jobs.pending > 50 && system.status != 'critical'");
 * f.reads();   // [jobs.pending, system.status]
 * }</pre>
 */
public final class OpenExpressions {
  static final int KEPT = 4_096;

  /** Lists of variables whose compilers are kept (a process has a few: the loop's sections). */
  private static final int KEPT_COMPILERS = 64;

  private static final Map<List<String>, Compilers> COMPILERS = new ConcurrentHashMap<>();
  private static final Map<Key, Formula> FORMULAS = new ConcurrentHashMap<>();

  private final List<String> variables;

  public OpenExpressions(List<String> variables) {
    this.variables = List.copyOf(variables);
  }

  /** What a formula is compiled from: the same three give the same formula. */
  private record Key(List<String> variables, String what, String source) {}

  /** The compilers and runtime for one list of variables, made once per process. */
  private record Compilers(CelCompiler conditions, CelCompiler values, CelRuntime runtime) {
    static Compilers of(List<String> variables) {
      CelOptions options =
          CelOptions.current()
              .enableHeterogeneousNumericComparisons(true)
              .enableOptionalSyntax(true)
              .comprehensionMaxIterations(Expressions.MAX_ITERATIONS)
              .build();
      return new Compilers(
          compiler(options, SimpleType.BOOL, variables),
          compiler(options, SimpleType.DYN, variables),
          CelRuntimeFactory.legacyCelRuntimeBuilder()
              .setOptions(options)
              .addLibraries(
                  CelExtensions.optional(), CelExtensions.strings(), CelExtensions.math(options))
              .build());
    }

    private static CelCompiler compiler(
        CelOptions options, CelType result, List<String> variables) {
      var builder =
          CelCompilerFactory.standardCelCompilerBuilder()
              .setOptions(options)
              .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
              .addLibraries(
                  CelExtensions.optional(), CelExtensions.strings(), CelExtensions.math(options))
              .setResultType(result);
      variables.forEach(v -> builder.addVar(v, SimpleType.DYN));
      return builder.build();
    }
  }

  public List<String> variables() {
    return variables;
  }

  /**
   * Compiles a condition; its result type must be {@code bool}.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public Formula condition(String source) {
    return kept("condition", Compilers::conditions, source);
  }

  /**
   * Compiles an expression for a value.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public Formula value(String source) {
    return kept("expression", Compilers::values, source);
  }

  private Formula kept(String what, Function<Compilers, CelCompiler> compiler, String source) {
    Key key = new Key(variables, what, source);
    Formula known = FORMULAS.get(key);
    if (known != null) {
      return known;
    }
    if (COMPILERS.size() >= KEPT_COMPILERS) {
      COMPILERS.clear();
    }
    Compilers c = COMPILERS.computeIfAbsent(variables, Compilers::of);
    Formula made = compile(what, compiler.apply(c), c.runtime(), source);
    if (FORMULAS.size() >= KEPT) {
      FORMULAS.clear();
    }
    FORMULAS.putIfAbsent(key, made);
    return made;
  }

  private Formula compile(String what, CelCompiler compiler, CelRuntime runtime, String source) {
    if (source.isBlank()) {
      throw ExpressionException.compile(what, source, "it is empty");
    }
    CelValidationResult result = compiler.compile(source);
    if (result.hasError()) {
      throw ExpressionException.compile(
          what, source, Expressions.describeIssues(result.getErrors()));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new Formula(
          what, source, runtime.createProgram(ast), Reads.of(ast.getExpr(), variables));
    } catch (CelValidationException e) {
      throw ExpressionException.compile(what, source, Expressions.describeIssues(e.getErrors()));
    } catch (CelEvaluationException e) {
      throw ExpressionException.compile(what, source, String.valueOf(e.getMessage()));
    }
  }
}
