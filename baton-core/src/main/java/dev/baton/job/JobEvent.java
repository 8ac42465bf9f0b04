package dev.baton.job;

import java.util.Locale;

/**
 * What makes a job move: the cause column of the {@link JobLifecycle} table. A status change names
 * its event, so an illegal move fails naming what the job expected, and the generated diagram shows
 * why each arrow exists.
 */
public enum JobEvent {
  /** A new job (or sub-job) enters its start state. */
  START,
  /** A state handler chose the next state. */
  NEXT_STATE,
  /** A state handed a task to a worker (or a failed attempt was queued again). */
  DISPATCH,
  /** A parallel state handed out its branch tasks. */
  FAN_OUT,
  /** A state asks a person for a decision. */
  ASK,
  /** A state started a sub-job and waits for it. */
  START_SUB_JOB,
  /** A state's handler threw, no worker fits, or the blueprint is broken. */
  HANDLER_FAILED,
  /** The job reached one of its blueprint's end states. */
  END,
  /** A worker reported a result for the task the job waits on. */
  TASK_RESULT,
  /** The task the job waits on failed: reported so, its lease ran out, or its worker died. */
  TASK_FAILED,
  /** The task the job waits on ran past its deadline. */
  TIMEOUT,
  /** The task failed and no retry is left. */
  GIVE_UP,
  /** One branch of a parallel state reported, others still run. */
  BRANCH_DONE,
  /** The last branch of a parallel state reported. */
  BRANCHES_DONE,
  /** The sub-job the job waits on ended. */
  SUB_JOB_ENDED,
  /** A person (or, as Avtomatika allows, a client) decided. */
  DECISION,
  /** The delay before retrying a state ran out. */
  RETRY_DUE,
  /** An operator (or its parent's cancellation) cancels the job. */
  CANCEL,
  /** An operator (or the control loop) quarantines the job. */
  QUARANTINE,
  /** An operator runs a failed or quarantined job again from the state that failed. */
  RESUME,
  /**
   * An operator moved the job to another version of its blueprint, into a state it enters afresh
   * (its open task cancelled). A job moved as it is keeps its status: no transition.
   */
  MIGRATE;

  /** The name in diagrams and messages: {@code task result}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
