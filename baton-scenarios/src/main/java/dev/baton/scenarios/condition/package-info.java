/**
 * Scenario conditions, parsed once from a file's {@code trigger.conditions} (or an {@code
 * evaluate_condition} action) into a sealed tree, one file per family, and evaluated against a
 * {@link dev.baton.scenarios.condition.Situation}.
 */
@NullMarked
package dev.baton.scenarios.condition;

import org.jspecify.annotations.NullMarked;
