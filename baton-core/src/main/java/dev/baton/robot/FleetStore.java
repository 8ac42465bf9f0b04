package dev.baton.robot;

/**
 * Where the robot fleet keeps its registry, job keys, runs, logs, affinity counts and workflow
 * deployments, and how its dispatcher looks into and takes from the engine's task queue: every
 * fleet port in one, as {@code JdbcStore} and {@code InMemoryStore} implement them next to {@code
 * Store}. Depend on the narrow port a class needs ({@link RobotStore}, {@link JobKeys}, {@link
 * RobotRunStore}, {@link JobLogStore}, {@link FleetQueue}, {@link RobotCommandStore}). Every method
 * is safe to call from many threads; a write that returns is durable (for a durable store).
 */
public interface FleetStore
    extends RobotStore,
        JobKeys,
        RobotRunStore,
        JobLogStore,
        FleetQueue,
        DeploymentStore,
        RobotCommandStore {}
