package dev.baton.worker.sdk.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the threads behind a {@link dev.baton.worker.sdk.Worker} and their shutdown order. */
public final class WorkerRuntime {
  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
  // Hand-back posts go to a server that was reachable moments ago; this only bounds a dead one.
  private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(10);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final WorkerConfig config;
  private final HttpClient http;
  private final Semaphore permits;
  private final WorkerClient client;
  private final TaskRunner runner;
  private final Heartbeat heartbeat;
  private final @Nullable ControlChannel channel;
  // Stopped in this order on close: intake (pollers, heartbeat) first, the WebSocket last, because
  // cancel commands and progress still matter while running tasks drain.
  private final List<Thread> intake = new ArrayList<>();
  private final List<Thread> websocket = new ArrayList<>();
  private volatile boolean closing;
  private State state = State.NEW;

  public WorkerRuntime(WorkerConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .build();
    this.permits = new Semaphore(config.concurrency());
    this.client = new WorkerClient(config, http);
    this.channel = config.websocket() ? new ControlChannel(config, http, this::cancel) : null;
    this.runner =
        new TaskRunner(
            config.handlers(),
            permits,
            new ResultPoster(config, client),
            channel != null ? channel : ProgressSink.NONE,
            new TaskSpans(config.openTelemetry()));
    this.heartbeat = new Heartbeat(config, client, runner::runningIds);
  }

  private void cancel(WireFormat.CancelCommand command) {
    runner.cancel(command.taskId());
  }

  public int load() {
    return runner.load();
  }

  public boolean websocketConnected() {
    return channel != null && channel.connected();
  }

  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("Worker already " + state.name().toLowerCase(Locale.ROOT));
    }
    state = State.RUNNING;
    try {
      heartbeat.registerOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    intake.add(Thread.ofVirtual().name("baton-heartbeat").start(heartbeat));
    if (channel != null) {
      websocket.add(Thread.ofVirtual().name("baton-websocket").start(channel));
    }
    for (int i = 0; i < config.pollers(); i++) {
      Poller poller = new Poller(config, client, runner, permits, () -> closing);
      intake.add(Thread.ofVirtual().name("baton-poller-" + i).start(poller));
    }
    log.info(
        "Worker {} started: {} pollers, concurrency {}, websocket {}",
        config.workerId(),
        config.pollers(),
        config.concurrency(),
        config.websocket());
  }

  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasRunning = state == State.RUNNING;
    state = State.CLOSED;
    closing = true;
    try {
      if (wasRunning) {
        stop();
      }
    } catch (InterruptedException e) {
      // The caller wants out now: skip the drain, but still hand tasks back.
      Thread.currentThread().interrupt();
      runner.handBackAll();
    } finally {
      // Idempotent after a normal stop; after an interrupted one, no loop may outlive the worker.
      intake.forEach(Thread::interrupt);
      websocket.forEach(Thread::interrupt);
      http.shutdownNow();
    }
  }

  private void stop() throws InterruptedException {
    intake.forEach(Thread::interrupt);
    join(intake);
    markBusy();
    log.info("Worker {} closing: waiting for {} running tasks", config.workerId(), runner.load());
    if (!permits.tryAcquire(
        config.concurrency(), config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      runner.handBackAll();
      if (!permits.tryAcquire(
          config.concurrency(), HAND_BACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.error("Worker {} closed before every handed-back task was reported", config.workerId());
      }
    }
    websocket.forEach(Thread::interrupt);
    join(websocket);
    log.info("Worker {} closed", config.workerId());
  }

  /** Without this the orchestrator could re-dispatch a handed-back task straight back to us. */
  private void markBusy() {
    try {
      client.heartbeat(runner.runningIds(), true);
    } catch (IOException e) {
      log.debug("Could not mark worker busy on close: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void join(List<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      if (!thread.join(config.drainTimeout())) {
        log.warn("Thread {} did not stop in time", thread.getName());
      }
    }
  }
}
