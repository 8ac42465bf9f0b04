/**
 * Safe expressions for blueprints: CEL (Common Expression Language) conditions and {@code ${...}}
 * templates, compiled once when a blueprint is loaded and evaluated against a job.
 *
 * <p>Expressions see these variables, all {@code map(string, dyn)} unless noted:
 *
 * <ul>
 *   <li>{@code initial_data}: the job's input;
 *   <li>{@code state_history} (and its alias {@code data}): the data accumulated from task results;
 *   <li>{@code aggregation_results}: the last parallel step's results, by branch task id, each
 *       {@code {status, data, error?}};
 *   <li>{@code client}: the client the job came from ({@code plan}, {@code params}, ...);
 *   <li>{@code job}: {@code id}, {@code blueprint}, {@code state}, {@code priority}, {@code
 *       retry_count};
 *   <li>{@code context}: all of the above again, plus {@code job_id} and {@code current_state}, so
 *       that Avtomatika conditions such as {@code context.initial_data.amount > 100} work
 *       unchanged;
 *   <li>in a parallel step's {@code for_each} task only: {@code item} (dyn) and {@code index}
 *       (int).
 * </ul>
 *
 * <p>CEL is not Turing-complete and has no side effects: an expression cannot call Java, loop
 * forever or touch the file system. Types are checked at compile time where they are known; a
 * condition must be {@code bool}. Standard macros ({@code has()}, {@code exists()}, {@code all()},
 * {@code map()}, {@code filter()}), optional syntax ({@code initial_data.?x.orValue(0)}), the
 * string extension functions and comparisons between int and double ({@code 1 < 1.5}) are on.
 * Arithmetic does not mix them, as in CEL everywhere: write {@code double(initial_data.n) / 2.0}.
 *
 * <p>Values from JSON are accepted as Java gives them: {@code Integer}, {@code Short} and {@code
 * Byte} become {@code Long}, {@code Float} and {@code BigDecimal} become {@code Double}, {@code
 * null} becomes CEL {@code null}, maps and lists are converted all the way down.
 *
 * <p><b>Missing fields.</b> A condition that reads a key its map does not have (say {@code
 * initial_data.x > 3} when the input has no {@code x}) evaluates to {@code false} as a whole, as
 * Avtomatika's {@code .when()} does, instead of failing the job; write {@code has(initial_data.x)}
 * or {@code initial_data.?x.orValue(0) > 3} to be explicit. Note that this applies to the whole
 * condition: {@code !(initial_data.x > 3)} is false too when {@code x} is missing. CEL's {@code ||}
 * and {@code &&} absorb the error when the other side decides, so {@code has(initial_data.x) &&
 * initial_data.x > 3} and {@code initial_data.x > 3 || true} behave as expected. Any other
 * evaluation error (comparing a string with a number, {@code null > 3}, dividing by zero) fails the
 * evaluation with an {@link dev.baton.expr.ExpressionException}: in a state handler that is a
 * handler failure, which the engine retries and then quarantines. A template that reads a missing
 * key fails the same way (its value would otherwise be silently wrong); use {@code
 * ${initial_data.?x.orValue('')}} for an optional value.
 */
@NullMarked
package dev.baton.expr;

import org.jspecify.annotations.NullMarked;
