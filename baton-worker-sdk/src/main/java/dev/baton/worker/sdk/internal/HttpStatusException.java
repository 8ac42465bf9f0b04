package dev.baton.worker.sdk.internal;

import java.io.IOException;

/** The orchestrator answered with a status the calling loop has to react to. */
public final class HttpStatusException extends IOException {
  private final int status;

  public HttpStatusException(String request, int status, String body) {
    super(request + " answered " + status + (body.isBlank() ? "" : ": " + abbreviate(body)));
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 429 and 5xx: the orchestrator is overloaded or down, so the same request may work later. */
  public boolean retryable() {
    return status == 429 || status >= 500;
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
