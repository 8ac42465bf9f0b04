package dev.baton.worker.sdk.robot;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The robot's side of the WebSocket: writes CasareRPA envelopes, one frame at a time (the JDK's
 * WebSocket refuses a second send while one is in flight). A send on a closed or failing socket is
 * dropped: the orchestrator re-queues the jobs of a robot it lost.
 */
final class RobotWire {
  private static final Logger log = LoggerFactory.getLogger(RobotWire.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String robotId;
  private final ReentrantLock sendLock = new ReentrantLock();
  private volatile @Nullable WebSocket socket;

  RobotWire(String robotId) {
    this.robotId = robotId;
  }

  void attach(WebSocket ws) {
    socket = ws;
  }

  /** No connection until the next {@link #attach}: sends meanwhile are dropped. */
  void detach() {
    socket = null;
  }

  @Nullable WebSocket socket() {
    return socket;
  }

  /** Sends one envelope; false when it was dropped (no connection) or could not be written. */
  boolean send(String type, Map<String, ?> payload, @Nullable String correlationId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", UUID.randomUUID().toString());
    m.put("timestamp", Instant.now().toString());
    m.put("payload", payload);
    if (correlationId != null) {
      m.put("correlation_id", correlationId);
    }
    return sendText(JSON.writeValueAsString(m));
  }

  boolean sendText(String text) {
    WebSocket ws = socket;
    if (ws == null || ws.isOutputClosed()) {
      return false;
    }
    sendLock.lock();
    try {
      ws.sendText(text, true).get(5, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      log.debug("robot {} could not send: {}", robotId, e.toString());
      return false;
    } finally {
      sendLock.unlock();
    }
  }
}
