package dev.baton.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Follows one job until it ends. {@link Polling} reads {@code GET /api/v1/jobs/{id}} at a short
 * interval; a follower over the server's event stream would implement the same method, so that
 * {@code jobs watch} does not change.
 */
interface JobFollower {
  Set<String> ENDED = Set.of("finished", "failed", "quarantined", "cancelled");

  /**
   * Calls {@code onChange} with the job as first read and again each time its status, state or
   * progress changes, until the job has ended or {@code timeout} has passed.
   *
   * @return the job as last read: ended, or not when the time ran out
   * @throws ApiFailure when the server cannot be read (the job is unknown, the server went away)
   */
  JsonNode follow(String jobId, Duration timeout, Consumer<JsonNode> onChange);

  static boolean ended(JsonNode job) {
    return ENDED.contains(job.path("status").asString());
  }

  /** Reads the job every {@code interval}. */
  final class Polling implements JobFollower {
    private final Api api;
    private final Duration interval;

    Polling(Api api, Duration interval) {
      this.api = api;
      this.interval = interval;
    }

    @Override
    public JsonNode follow(String jobId, Duration timeout, Consumer<JsonNode> onChange) {
      Instant deadline = Instant.now().plus(timeout);
      String seen = "";
      while (true) {
        JsonNode job = api.get(JobsCommand.job(jobId));
        String now =
            job.path("status").asString()
                + "|"
                + job.path("state").asString()
                + "|"
                + job.path("progress");
        if (!now.equals(seen)) {
          seen = now;
          onChange.accept(job);
        }
        if (ended(job) || !Instant.now().isBefore(deadline)) {
          return job;
        }
        try {
          Thread.sleep(interval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return job;
        }
      }
    }
  }
}
