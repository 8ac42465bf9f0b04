package dev.baton.server.internal;

import dev.baton.server.route.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's answer to a request it refuses before any route sees it (a malformed request line or
 * chunk, a NUL or an ambiguous segment in the URI, an HTTP version it does not speak): {@code
 * {"error": message}} like every other refusal, instead of an HTML page. An unknown or unsupported
 * HTTP version (HTTP/0.9, HTTP/1.7, HTTP/3.0 on this connector) is the client's fault, so it is a
 * 400 rather than Jetty's 505.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final int VERSION_NOT_SUPPORTED = 505;

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    int status = code == VERSION_NOT_SUPPORTED ? 400 : code;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, body(status, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(
      int status, @Nullable String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    return body(status, reason);
  }

  private static ByteBuffer body(int status, @Nullable String message) {
    String text =
        status == 400 && message != null && message.toLowerCase().contains("version")
            ? "unsupported HTTP version: Baton speaks HTTP/1.0 and HTTP/1.1"
            : "the request was refused before it reached a route: "
                + (message == null || message.isBlank() ? "bad request" : message);
    return ByteBuffer.wrap(Json.write(Map.of("error", text)).getBytes(StandardCharsets.UTF_8));
  }
}
