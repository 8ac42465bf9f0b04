package dev.baton.engine;

import dev.baton.job.Job;

/**
 * Hears about a job after a change to it has been committed. Called on the thread that made the
 * change, so it must be quick and must not throw; a listener that fails is logged and skipped.
 */
@FunctionalInterface
public interface JobListener {
  void changed(Job job);
}
