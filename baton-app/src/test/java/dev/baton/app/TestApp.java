package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.tracing.Tracing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Baton application on a free loopback port, on SQLite in {@code dataDir}, and a small client for
 * its API. The worker rate limit is off unless {@code env} says otherwise: tests measure behaviour,
 * not Avtomatika's 5 requests a minute.
 */
final class TestApp implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final BatonApp app;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestApp(BatonApp app) {
    this.app = app;
  }

  static TestApp start(Path dataDir, Path blueprints, Map<String, String> env) {
    return start(dataDir, blueprints, env, Tracing.off());
  }

  /** Like {@link #start(Path, Path, Map)}, with the given tracing (an in-memory exporter). */
  static TestApp start(Path dataDir, Path blueprints, Map<String, String> env, Tracing tracing) {
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("RATE_LIMITING_ENABLED", "false");
    return new TestApp(
        BatonApp.start(
            Settings.resolve(
                Map.of(
                    Setting.API_PORT,
                    "0",
                    Setting.API_HOST,
                    "127.0.0.1",
                    Setting.DATA_DIR,
                    dataDir.toString(),
                    Setting.BLUEPRINTS_DIR,
                    blueprints.toString()),
                environment,
                null),
            tracing));
  }

  int port() {
    return app.port();
  }

  /** The application behind the server, to look at its store directly. */
  BatonApp app() {
    return app;
  }

  java.util.List<dev.baton.server.BatonServer.Route> routes() {
    return app.routes();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  /** A request with an optional JSON body and header name/value pairs. */
  HttpResponse<String> send(String method, String path, @Nullable String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates a job through the native API; returns its id. */
  String create(String blueprint, String inputJson) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/jobs",
            "{\"blueprint\":\"" + blueprint + "\",\"input\":" + inputJson + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asString();
  }

  /** Creates a job as the client of {@code token}; returns its id. */
  String createAs(String token, String blueprint, String inputJson) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/jobs",
            "{\"blueprint\":\"" + blueprint + "\",\"input\":" + inputJson + "}",
            "X-Avtomatika-Token",
            token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asString();
  }

  JsonNode job(String id, String... headers) throws Exception {
    return JSON.readTree(send("GET", "/api/v1/jobs/" + id, null, headers).body());
  }

  @Override
  public void close() {
    app.close();
  }
}
