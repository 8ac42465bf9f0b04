/**
 * The robot fleet's domain (CasareRPA, seed 003): robots, their registry, the spec's job states
 * mapped onto engine jobs, priorities, job logs and runs, and the {@link
 * dev.baton.robot.FleetStore} port that keeps them.
 */
@NullMarked
package dev.baton.robot;

import org.jspecify.annotations.NullMarked;
