package dev.baton.worker.sdk.internal;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens on one WebSocket connection: reassembles text frames, signals when it ends. */
final class ControlListener implements WebSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(ControlListener.class);

  private final StringBuilder text = new StringBuilder();
  private final Consumer<String> onMessage;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  ControlListener(Consumer<String> onMessage) {
    this.onMessage = onMessage;
  }

  /** Completes (normally) when the connection closes or fails. */
  CompletableFuture<Void> ended() {
    return ended;
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String message = text.toString();
      text.setLength(0);
      try {
        onMessage.accept(message);
      } catch (RuntimeException e) {
        log.warn("WebSocket message not handled: {}", message, e);
      }
    }
    ws.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    log.info("WebSocket closed by orchestrator: {} {}", statusCode, reason);
    ended.complete(null);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    log.warn("WebSocket failed: {}", error.toString());
    ended.complete(null);
  }
}
