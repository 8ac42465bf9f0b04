/**
 * Scenario actions: each type is one record that reads its fields once ({@link
 * dev.baton.scenarios.internal.action.Actions} is the registry of types) and runs with what an
 * {@link dev.baton.scenarios.internal.action.ActionRun} gives it.
 */
@NullMarked
package dev.baton.scenarios.internal.action;

import org.jspecify.annotations.NullMarked;
