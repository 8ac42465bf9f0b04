package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.internal.WireFormat.CancelCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional worker WebSocket: progress goes out, {@code cancel_task} comes in. The worker works
 * without it; this loop keeps reconnecting with backoff until interrupted, and progress sent while
 * disconnected is dropped.
 */
public final class ControlChannel implements ProgressSink, Runnable {
  private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);
  private static final long SEND_TIMEOUT_MILLIS = 2_000;

  private final WorkerConfig config;
  private final HttpClient http;
  private final Consumer<CancelCommand> onCancel;
  private final URI uri;
  private final Backoff backoff;
  // The JDK WebSocket rejects a send while another is pending, so sends take turns.
  private final ReentrantLock sendLock = new ReentrantLock();
  private volatile @Nullable WebSocket socket;

  public ControlChannel(WorkerConfig config, HttpClient http, Consumer<CancelCommand> onCancel) {
    this.config = config;
    this.http = http;
    this.onCancel = onCancel;
    this.uri = new Endpoints(config.baseUri(), config.workerId()).websocket();
    this.backoff = config.newBackoff();
  }

  public boolean connected() {
    WebSocket ws = socket;
    return ws != null && !ws.isOutputClosed();
  }

  @Override
  public void run() {
    try {
      while (true) {
        connectAndWait();
        backoff.pause();
      }
    } catch (InterruptedException e) {
      log.debug("WebSocket loop stopped");
    }
  }

  private void connectAndWait() throws InterruptedException {
    ControlListener listener = new ControlListener(this::onMessage);
    CompletableFuture<WebSocket> pending =
        http.newWebSocketBuilder()
            .connectTimeout(config.connectTimeout())
            .header("X-Worker-Token", config.token())
            .buildAsync(uri, listener);
    try {
      socket = pending.get();
      backoff.reset();
      log.info("WebSocket connected: {}", uri);
      listener.ended().get();
    } catch (ExecutionException e) {
      log.warn("WebSocket {} unavailable, will retry: {}", uri, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      pending.cancel(true);
      disconnect();
      throw e;
    } finally {
      socket = null;
    }
  }

  /** Sends a close frame on shutdown; the orchestrator then knows cancels cannot reach us. */
  private void disconnect() {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "worker closing")
          .get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("WebSocket close frame not sent: {}", e.toString());
    } finally {
      ws.abort();
    }
  }

  void onMessage(String text) {
    WireFormat.command(text)
        .ifPresentOrElse(onCancel, () -> log.debug("WebSocket message ignored: {}", text));
  }

  @Override
  public void send(Task task, double fraction, String message) {
    WebSocket ws = socket;
    if (ws == null || ws.isOutputClosed()) {
      log.debug("Progress for task {} dropped: WebSocket not connected", task.taskId());
      return;
    }
    String json = WireFormat.progress(task, fraction, message);
    sendLock.lock();
    try {
      ws.sendText(json, true).get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      log.debug("Progress for task {} dropped: {}", task.taskId(), e.toString());
    } finally {
      sendLock.unlock();
    }
  }
}
