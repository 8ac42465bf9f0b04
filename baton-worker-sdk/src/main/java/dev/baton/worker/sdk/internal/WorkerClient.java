package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Optional;
import java.util.Set;

/** One method per worker route; non-2xx answers become {@link HttpStatusException}. */
public final class WorkerClient {
  private final WorkerConfig config;
  private final HttpClient http;
  private final Endpoints endpoints;

  public WorkerClient(WorkerConfig config, HttpClient http) {
    this.config = config;
    this.http = http;
    this.endpoints = new Endpoints(config.baseUri(), config.workerId());
  }

  /**
   * Registers with the ids of the tasks running here, so that the orchestrator keeps only those.
   */
  public void register(Set<String> running) throws IOException, InterruptedException {
    String body = WireFormat.registration(config, running.size(), running);
    send("register", request(endpoints.register()).POST(BodyPublishers.ofString(body)));
  }

  /** Returns false when the orchestrator no longer knows this worker (404) and wants a register. */
  public boolean heartbeat(Set<String> running, boolean busy)
      throws IOException, InterruptedException {
    String body = WireFormat.heartbeat(running, busy);
    try {
      send("heartbeat", request(endpoints.worker()).method("PATCH", BodyPublishers.ofString(body)));
      return true;
    } catch (HttpStatusException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Blocks for up to the orchestrator's poll timeout; empty on 204. */
  public Optional<Task> nextTask() throws IOException, InterruptedException {
    HttpResponse<String> response = send("poll", request(endpoints.nextTask()).GET());
    if (response.statusCode() == 204 || response.body().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(WireFormat.task(response.body()));
  }

  public void postResult(String body) throws IOException, InterruptedException {
    send("result", request(endpoints.result()).POST(BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("X-Worker-Token", config.token())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  private HttpResponse<String> send(String what, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new HttpStatusException(what, response.statusCode(), response.body());
    }
    return response;
  }
}
