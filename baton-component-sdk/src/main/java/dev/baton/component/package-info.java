/**
 * A managed service that Baton (or an avena_commons orchestrator) drives: {@link
 * dev.baton.component.Component} implements the avena FSM, {@code POST /event} and the asynchronous
 * replies; {@link dev.baton.component.Event} is the avena envelope; {@link
 * dev.baton.component.SimulatedComponent} is a fake service that can be told to fault.
 */
@NullMarked
package dev.baton.component;

import org.jspecify.annotations.NullMarked;
