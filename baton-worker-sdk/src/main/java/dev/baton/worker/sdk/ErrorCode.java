package dev.baton.worker.sdk;

/** How the orchestrator treats a {@code failure} result. */
public enum ErrorCode {
  /** The task is retried (re-dispatched with a new task id) up to the job's retry limit. */
  TRANSIENT_ERROR,
  /** The job is quarantined; retrying would not help. */
  PERMANENT_ERROR,
  /** The job fails because its input is wrong. */
  INVALID_INPUT_ERROR
}
