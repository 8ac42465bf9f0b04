/**
 * Managed components and event-driven scenarios, after the avena_commons orchestrator. {@link
 * dev.baton.scenarios.Components} drives the services (avena "clients") and keeps their FSM states;
 * {@link dev.baton.scenarios.Scenarios} loads scenario files, checks their triggers every tick and
 * runs each scenario as a durable engine job whose steps are its actions; {@link
 * dev.baton.scenarios.ScenarioRoutes} serves {@code POST /event} and the {@code /api/v1} routes.
 */
@NullMarked
package dev.baton.scenarios;

import org.jspecify.annotations.NullMarked;
