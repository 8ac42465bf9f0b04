package dev.baton.server;

import dev.baton.engine.WorkerChannel;
import dev.baton.job.Task;
import dev.baton.server.internal.WorkerSessions;
import dev.baton.server.route.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link WorkerChannel} over the workers' WebSockets ({@code GET /_worker/ws/{id}}):
 * when the engine cancels a task leased to a worker, the worker receives {@code
 * {"command":"cancel_task","task_id":...,"job_id":...}} on every WebSocket it has open.
 *
 * <p>The engine takes its channel when it is built and the server needs the engine, so the channel
 * comes first:
 *
 * <pre>{@code
 * WebSocketChannel channel = new WebSocketChannel();
 * Engine engine = Engine.builder(store).workerChannel(channel).build();
 * BatonServer server = BatonServer.start(engine, channel, options);
 * }</pre>
 *
 * A worker that has no WebSocket open misses the command; its later result for the task is refused
 * (409) because the task was cancelled. Before a server is started with it the channel simply has
 * no sessions, so cancelling then tells nobody. Thread-safe.
 */
public final class WebSocketChannel implements WorkerChannel {
  private static final Logger log = LoggerFactory.getLogger(WebSocketChannel.class);

  private final WorkerSessions sessions = new WorkerSessions();

  @Override
  public void cancelTask(Task task) {
    String workerId = task.workerId();
    if (workerId == null) {
      return;
    }
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("command", "cancel_task");
    command.put("task_id", task.id());
    command.put("job_id", task.jobId());
    if (!sessions.send(workerId, Json.write(command))) {
      log.debug("worker {} has no WebSocket open; task {} cancelled silently", workerId, task.id());
    }
  }

  /** Whether the worker has a WebSocket open to this server now. */
  public boolean isConnected(String workerId) {
    return sessions.isConnected(workerId);
  }

  WorkerSessions sessions() {
    return sessions;
  }
}
