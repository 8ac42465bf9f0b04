package dev.baton.blueprint;

/**
 * The code of a state. It runs in the engine, must be quick, and should not have side effects
 * beyond its action: a handler may run again after a crash or a retry. Slow or risky work belongs
 * in a task for a worker. An exception is retried with backoff, then quarantines the job.
 */
@FunctionalInterface
public interface StateHandler {
  Action handle(JobContext context) throws Exception;
}
