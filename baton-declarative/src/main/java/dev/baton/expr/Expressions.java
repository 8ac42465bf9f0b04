package dev.baton.expr;

import dev.baton.blueprint.JobContext;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles CEL expressions for blueprints: boolean conditions and values for templates. An instance
 * holds the compilers; it is thread-safe and cheap to keep, and what it compiles holds no reference
 * to any global cache. Create one per load of blueprints. See the {@linkplain dev.baton.expr
 * package documentation} for the variables and the semantics of missing fields.
 *
 * <pre>{@code
 * Expressions cel = new Expressions();
 * Condition big = cel.condition("state_history.amount > 1000 && !initial_data.vip");
 * Expression total = cel.value("initial_data.items.size() * 2");
 * }</pre>
 */
public final class Expressions {

  /** Which variables an expression may use. */
  public enum Scope {
    /** The job's variables: initial_data, state_history, data, ... */
    JOB,
    /** The job's variables plus {@code item} and {@code index}, in a parallel for_each task. */
    ITEM
  }

  /** The map variables every expression sees. */
  public static final List<String> JOB_VARIABLES =
      List.of(
          "initial_data",
          "state_history",
          "data",
          "aggregation_results",
          "client",
          "job",
          "context");

  /** At most this many iterations per comprehension ({@code exists}, {@code map}, ...). */
  public static final int MAX_ITERATIONS = 100_000;

  private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private final CelCompiler jobValues;
  private final CelCompiler itemValues;
  private final CelCompiler conditions;
  private final CelRuntime runtime;

  public Expressions() {
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .build();
    jobValues = compiler(options, SimpleType.DYN, false);
    conditions = compiler(options, SimpleType.BOOL, false);
    itemValues = compiler(options, SimpleType.DYN, true);
    runtime =
        CelRuntimeFactory.legacyCelRuntimeBuilder()
            .setOptions(options)
            .addLibraries(CelExtensions.optional(), CelExtensions.strings())
            .build();
  }

  private static CelCompiler compiler(CelOptions options, CelType result, boolean item) {
    var builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.optional(), CelExtensions.strings())
            .setResultType(result);
    JOB_VARIABLES.forEach(v -> builder.addVar(v, STRING_MAP));
    if (item) {
      builder.addVar("item", SimpleType.DYN).addVar("index", SimpleType.INT);
    }
    return builder.build();
  }

  /**
   * Compiles a condition; its result type must be {@code bool}.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public CelCondition condition(String source) {
    return new CelCondition(source, program("condition", conditions, source), Scope.JOB);
  }

  /** Compiles an expression whose value templates use, with the job's variables. */
  public Expression value(String source) {
    return value(source, Scope.JOB);
  }

  /**
   * Compiles an expression for a value.
   *
   * @throws ExpressionException when it does not compile, with CEL's message
   */
  public Expression value(String source, Scope scope) {
    CelCompiler compiler = scope == Scope.ITEM ? itemValues : jobValues;
    return new Expression(source, program("expression", compiler, source), scope);
  }

  private CelRuntime.Program program(String what, CelCompiler compiler, String source) {
    if (source.isBlank()) {
      throw ExpressionException.compile(what, source, "it is empty");
    }
    CelValidationResult result = compiler.compile(source);
    if (result.hasError()) {
      throw ExpressionException.compile(what, source, describe(result.getErrors()));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return runtime.createProgram(ast);
    } catch (CelValidationException e) {
      throw ExpressionException.compile(what, source, describe(e.getErrors()));
    } catch (CelEvaluationException e) {
      throw ExpressionException.compile(what, source, String.valueOf(e.getMessage()));
    }
  }

  static String describeIssues(List<CelIssue> issues) {
    return describe(issues);
  }

  private static String describe(List<CelIssue> issues) {
    return issues.stream()
        .map(i ->
            i.getMessage()
                + " (at "
                + i.getSourceLocation().getLine()
                + ":"
                + (i.getSourceLocation().getColumn() + 1)
                + ")")
        .collect(Collectors.joining("; "));
  }

  /**
   * The variables of a job, as expressions see them: {@link JobContext#variables()} plus {@code
   * context}, which holds them all again with {@code job_id} and {@code current_state}. The map is
   * unmodifiable and its values are already converted for CEL (JSON null is CEL's null value), so
   * evaluating many expressions against it converts the job's data once.
   */
  public static Map<String, Object> variables(JobContext ctx) {
    return Bindings.bind(ctx.variables(), Scope.JOB);
  }

  /** {@code variables} plus {@code item} and {@code index}, for one task of a for_each. */
  public static Map<String, Object> withItem(
      Map<String, ?> variables, @Nullable Object item, long index) {
    return Bindings.withItem(variables, item, index);
  }
}
