package dev.baton.worker.sdk.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The worker routes under a base URI that may carry a path prefix (a reverse proxy mount). */
public final class Endpoints {
  private final String base;
  private final String id;

  public Endpoints(URI baseUri, String workerId) {
    String b = baseUri.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.id = URLEncoder.encode(workerId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public URI register() {
    return URI.create(base + "/_worker/workers/register");
  }

  public URI worker() {
    return URI.create(base + "/_worker/workers/" + id);
  }

  public URI nextTask() {
    return URI.create(base + "/_worker/workers/" + id + "/tasks/next");
  }

  public URI result() {
    return URI.create(base + "/_worker/tasks/result");
  }

  public URI websocket() {
    String ws = base.startsWith("https:") ? "wss:" + base.substring(6) : "ws:" + base.substring(5);
    return URI.create(ws + "/_worker/ws/" + id);
  }
}
