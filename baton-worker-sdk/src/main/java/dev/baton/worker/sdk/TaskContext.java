package dev.baton.worker.sdk;

/** What a running {@link TaskHandler} can tell, and ask, the worker about its task. */
public interface TaskContext {

  /**
   * Reports progress over the worker WebSocket. Best effort: dropped (never queued, never thrown)
   * when the WebSocket is disabled, not connected, or slow to accept the message.
   *
   * @param fraction done so far, from 0 to 1
   * @param message a short human-readable note
   */
  void progress(double fraction, String message);

  /**
   * True once the orchestrator asked to cancel this task. The handler's thread is interrupted at
   * the same moment; handlers that do not block interruptibly should check this between steps.
   */
  boolean isCancelled();
}
