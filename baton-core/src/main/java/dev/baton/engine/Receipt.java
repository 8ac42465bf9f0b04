package dev.baton.engine;

/**
 * How an accepted task result was taken, which Avtomatika's face reports back to the worker as
 * {@code parallel_branch_result_accepted}, {@code result_accepted_failure}, {@code
 * result_accepted_cancelled} or {@code result_accepted_success}.
 */
public enum Receipt {
  BRANCH,
  FAILURE,
  CANCELLED,
  SUCCESS
}
