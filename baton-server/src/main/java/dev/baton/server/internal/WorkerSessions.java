package dev.baton.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open WebSocket sessions of workers, by worker id and session id. A worker may hold more than
 * one (a reconnect can open the new session before the old one has closed); a command goes to all
 * of them. Sending is asynchronous, so a slow worker never blocks the engine thread that cancelled
 * its task.
 */
public final class WorkerSessions {
  private static final Logger log = LoggerFactory.getLogger(WorkerSessions.class);

  private final Map<String, Map<String, Consumer<String>>> byWorker = new ConcurrentHashMap<>();

  public void open(String workerId, String sessionId, Consumer<String> sender) {
    byWorker.computeIfAbsent(workerId, k -> new ConcurrentHashMap<>()).put(sessionId, sender);
  }

  public void close(String workerId, String sessionId) {
    byWorker.computeIfPresent(
        workerId,
        (k, sessions) -> {
          sessions.remove(sessionId);
          return sessions.isEmpty() ? null : sessions;
        });
  }

  public boolean isConnected(String workerId) {
    return byWorker.containsKey(workerId);
  }

  /** Sends the text to every session of the worker; returns whether it had any. */
  public boolean send(String workerId, String text) {
    Map<String, Consumer<String>> sessions = byWorker.get(workerId);
    if (sessions == null || sessions.isEmpty()) {
      return false;
    }
    sessions.forEach((sessionId, sender) -> {
      try {
        sender.accept(text);
      } catch (RuntimeException e) {
        log.warn("could not send to worker {} (session {})", workerId, sessionId, e);
      }
    });
    return true;
  }
}
