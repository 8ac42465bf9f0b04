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

/**
 * Compiles CEL over variables the caller names, each of any type ({@code dyn}): the control loop's
 * rules over a system snapshot ({@code jobs}, {@code workers}, {@code system}, plug-in sections).
 * The options are those of {@link Expressions} (standard macros, optional syntax, string functions,
 * comparisons between int and double) plus the math extension ({@code math.least(a, b)}, {@code
 * math.greatest(...)}). Thread-safe; what it compiles is immutable.
 *
 * <pre>{@code
 * OpenExpressions cel = new OpenExpressions(List.of("jobs", "system"));
 * Formula f = cel.condition("jobs.pending > 50 && system.status != 'critical'");
 * f.reads();   // [jobs.pending, system.status]
 * }</pre>
 */
public final class OpenExpressions {
  private final List<String> variables;
  private final CelCompiler conditions;
  private final CelCompiler values;
  private final CelRuntime runtime;

  public OpenExpressions(List<String> variables) {
    this.variables = List.copyOf(variables);
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(Expressions.MAX_ITERATIONS)
            .build();
    conditions = compiler(options, SimpleType.BOOL);
    values = compiler(options, SimpleType.DYN);
    runtime =
        CelRuntimeFactory.legacyCelRuntimeBuilder()
            .setOptions(options)
            .addLibraries(
                CelExtensions.optional(), CelExtensions.strings(), CelExtensions.math(options))
            .build();
  }

  private CelCompiler compiler(CelOptions options, CelType result) {
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

  public List<String> variables() {
    return variables;
  }

  /**
   * Compiles a condition; its result type must be {@code bool}.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public Formula condition(String source) {
    return compile("condition", conditions, source);
  }

  /**
   * Compiles an expression for a value.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public Formula value(String source) {
    return compile("expression", values, source);
  }

  private Formula compile(String what, CelCompiler compiler, String source) {
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
