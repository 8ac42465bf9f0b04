package dev.baton.worker.sdk.internal;

import java.io.IOException;
import java.util.function.IntSupplier;
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
  private final IntSupplier load;
  private final Backoff backoff;
  private volatile boolean registered;

  public Heartbeat(WorkerConfig config, WorkerClient client, IntSupplier load) {
    this.config = config;
    this.client = client;
    this.load = load;
    this.backoff = config.newBackoff();
  }

  /** One registration attempt; on failure the loop keeps trying. */
  public void registerOnce() throws InterruptedException {
    try {
      client.register(load.getAsInt());
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
    int current = load.getAsInt();
    try {
      if (!client.heartbeat(current, current >= config.concurrency())) {
        log.warn("Orchestrator forgot worker {}; registering again", config.workerId());
        registered = false;
      }
    } catch (IOException e) {
      // The next beat is an interval away anyway; a missed one only costs TTL, not registration.
      log.warn("Heartbeat failed: {}", e.toString());
    }
  }
}
