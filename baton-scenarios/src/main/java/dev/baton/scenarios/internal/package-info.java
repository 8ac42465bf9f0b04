/** Conditions, actions, templates and the scenario job's blueprint and in-process worker. */
@NullMarked
package dev.baton.scenarios.internal;

import org.jspecify.annotations.NullMarked;
