package dev.baton.app.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The one HTTP client of the command line: JSON requests to a Baton server with the client token,
 * answers as JSON trees. Every failure is an {@link ApiFailure} whose message is one line: the
 * server's own message when it refused, or the address and what to check when there was no answer.
 */
public final class Api implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final CliOptions.Resolved target;
  private final HttpClient http;

  public Api(CliOptions.Resolved target) {
    this.target = target;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public JsonNode get(String path) {
    return send("GET", path, null, Map.of());
  }

  public JsonNode post(String path, @Nullable Object body) {
    return send("POST", path, body, Map.of());
  }

  /**
   * Sends a request and answers the JSON it got back ({@link NullNode} for an empty body).
   *
   * @param path the path and query, from the server's root ({@code /api/v1/jobs?limit=5})
   * @param body written as JSON, or null for none
   * @param headers more headers (an idempotency key, a component secret)
   * @throws ApiFailure for an answer of 400 or more, or none at all
   */
  public JsonNode send(
      String method, String path, @Nullable Object body, Map<String, String> headers) {
    return exchange(
        method,
        path,
        body == null ? null : JSON.writeValueAsString(body),
        "application/json",
        headers);
  }

  /** Posts {@code text} as it is, of {@code contentType} (a YAML document, say). */
  public JsonNode postText(String path, String text, String contentType) {
    return exchange("POST", path, text, contentType, Map.of());
  }

  private JsonNode exchange(
      String method,
      String path,
      @Nullable String body,
      String contentType,
      Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.server() + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    if (!target.token().isBlank()) {
      b.header("X-Avtomatika-Token", target.token());
    }
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiFailure.of("interrupted", ApiFailure.UNREACHABLE);
    } catch (IOException e) {
      throw ApiFailure.unreachable(unreachable(e));
    }
    if (r.statusCode() >= 400) {
      throw ApiFailure.refused(r.statusCode(), refusal(r));
    }
    return parse(r.body());
  }

  private String unreachable(IOException e) {
    String why =
        e instanceof HttpConnectTimeoutException
            ? "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s"
            : e instanceof HttpTimeoutException
                ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : e instanceof ConnectException
                    ? "connection refused"
                    : String.valueOf(
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    return "cannot reach Baton at "
        + target.server()
        + " ("
        + target.serverOrigin()
        + "): "
        + why
        + "; check that `baton server` runs there and that the address and port are right";
  }

  /** The server's message ({@code {"error": ...}}), with what the status adds when it helps. */
  private String refusal(HttpResponse<String> r) {
    String message = r.body().strip();
    try {
      JsonNode n = JSON.readTree(r.body());
      if (n != null && n.path("error").isString()) {
        message = n.path("error").asString();
      } else if (n != null && n.path("message").isString()) {
        message = n.path("message").asString();
      }
    } catch (JacksonException e) {
      // Not JSON (a proxy's page, say): its first line is the message.
    }
    message = message.lines().findFirst().orElse("");
    if (message.length() > 500) {
      message = message.substring(0, 500) + "…";
    }
    String hint =
        r.statusCode() == 401 ? " (check --token, BATON_TOKEN or `token` in the config file)" : "";
    return (message.isEmpty() ? "HTTP " + r.statusCode() : message)
        + hint
        + " ("
        + r.request().method()
        + " "
        + r.uri().getRawPath()
        + ": "
        + r.statusCode()
        + ")";
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.getNodeFactory().stringNode(body);
    }
  }

  /** A name or id as one path segment. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query string from the pairs whose value is not null: {@code ?a=1&b=x}, or "". */
  public static String query(@Nullable Object... pairs) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        q.append(q.isEmpty() ? '?' : '&')
            .append(pairs[i])
            .append('=')
            .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
      }
    }
    return q.toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
