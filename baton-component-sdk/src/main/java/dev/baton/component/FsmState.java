package dev.baton.component;

/** The avena EventListener states; {@code fsm_state} on the wire is the name. */
public enum FsmState {
  UNKNOWN(-1),
  STOPPED(0),
  INITIALIZING(1),
  STOPPING(2),
  INITIALIZED(3),
  STARTING(4),
  RUN(5),
  PAUSING(6),
  RESUMING(7),
  PAUSE(8),
  SOFT_STOPPING(9),
  HARD_STOPPING(10),
  FAULT(11),
  ON_ERROR(12),
  ACK(13);

  private final int code;

  FsmState(int code) {
    this.code = code;
  }

  /** The enum value upstream uses. */
  public int code() {
    return code;
  }
}
