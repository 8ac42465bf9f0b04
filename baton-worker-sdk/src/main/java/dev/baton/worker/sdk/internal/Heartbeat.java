package dev.baton.worker.sdk.internal;

import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registration alive: a PATCH with the current load every interval, and a fresh
 * registration whenever the orchestrator has forgotten the worker (404, e.g. after its restart or a
 * missed TTL) or the previous registration failed. Stops when interrupted.
 */
public final class Heartbeat implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final WorkerConfig config;
  private final WorkerClient client;
  private final Supplier<Set<String>> running;
  private final Backoff backoff;
  private volatile boolean registered;

  /**
   * @param running the ids of the tasks running here: sent with each beat, so that the orchestrator
   *     gives back a lease this worker does not hold (one whose answer a crash cut off)
   */
  public Heartbeat(WorkerConfig config, WorkerClient client, Supplier<Set<String>> running) {
    this.config = config;
    this.client = client;
    this.running = running;
    this.backoff = config.newBackoff();
  }

  /** One registration attempt; on failure the loop keeps trying. */
  public void registerOnce() throws InterruptedException {
    try {
      client.register(running.get());
      registered = true;
      log.info("Registered worker {} at {}", config.workerId(), config.baseUri());
    } catch (IOException e) {
      log.warn("Registering worker {} failed, will retry: {}", config.workerId(), e.toString());
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        if (!registered) {
          registerOnce();
          if (!registered) {
            backoff.pause();
            continue;
          }
          backoff.reset();
        }
        Thread.sleep(config.heartbeatInterval());
        beat();
      }
    } catch (InterruptedException e) {
      log.debug("Heartbeat stopped");
    }
  }

  private void beat() throws InterruptedException {
    Set<String> current = running.get();
    try {
      if (!client.heartbeat(current, current.size() >= config.concurrency())) {
        log.warn("Orchestrator forgot worker {}; registering again", config.workerId());
        registered = false;
      }
    } catch (IOException e) {
      // The next beat is an interval away anyway; a missed one only costs TTL, not registration.
      log.warn("Heartbeat failed: {}", e.toString());
    }
  }
}
