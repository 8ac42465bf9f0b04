package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.job.TaskSpec;
import dev.baton.server.route.RouteLog;
import dev.baton.server.route.RouteSet;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server on 127.0.0.1 over an in-memory engine, with an HTTP client that speaks to it.
 * Closing it fails the test when any request reached the 500 path.
 */
final class TestServer implements AutoCloseable {
  static final String TOKEN = ServerOptions.DEFAULT_WORKER_TOKEN;
  static final ServerOptions OPTIONS =
      ServerOptions.DEFAULTS
          .withHost("127.0.0.1")
          .withPort(0)
          .withPollTimeout(Duration.ofMillis(300))
          .withRateLimiting(false);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Bodies no route may answer with a 500: each route's test adds its own on top. */
  static final List<String> MALFORMED_BODIES =
      List.of("", " ", "{", "}", "null", "42", "\"text\"", "[]", "[{}]", "{}", "{\"a\":}");

  final InMemoryStore store = new InMemoryStore();
  final WebSocketChannel channel = new WebSocketChannel();
  final Engine engine;
  final BatonServer server;
  final HttpClient http = HttpClient.newHttpClient();
  private final ListAppender<ILoggingEvent> internalErrors = new ListAppender<>();

  TestServer() {
    this(OPTIONS);
  }

  TestServer(ServerOptions options) {
    this(options, store -> List.of());
  }

  /** With the routes of features, made from the server's store (a ledger's routes, say). */
  TestServer(
      ServerOptions options, java.util.function.Function<InMemoryStore, List<RouteSet>> extra) {
    this(options, extra, s -> s);
  }

  /** With the engine on {@code engineStore} of the server's store (one that fails on demand). */
  static TestServer onStore(
      ServerOptions options, java.util.function.UnaryOperator<Store> engineStore) {
    return new TestServer(options, store -> List.of(), engineStore);
  }

  private TestServer(
      ServerOptions options,
      java.util.function.Function<InMemoryStore, List<RouteSet>> extra,
      java.util.function.UnaryOperator<Store> engineStore) {
    engine = Engine.builder(engineStore.apply(store)).workerChannel(channel).build();
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    engine.register(
        Blueprint.builder("fan")
            .start("split")
            .parallel(
                "split",
                List.of(TaskSpec.of("greet", Map.of("i", 1)), TaskSpec.of("greet", Map.of("i", 2))),
                "finished")
            .build());
    engine.register(
        Blueprint.builder("approve")
            .start("ask")
            .approval("ask", "ship it?", Map.of("approve", "finished", "reject", "failed"))
            .build());
    internalErrors.start();
    ((Logger) LoggerFactory.getLogger(RouteLog.class)).addAppender(internalErrors);
    // Features' routes (the robot fleet's, say) live in their own modules and are checked there.
    server = BatonServer.start(engine, channel, options, extra.apply(store));
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + server.port() + path);
  }

  // ---- plain HTTP

  Res get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Res post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  Res send(String method, String path, @Nullable String body, String... headers) {
    return sendRaw(
        method,
        path,
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
        headers);
  }

  Res sendRaw(String method, String path, BodyPublisher body, String... headers) {
    try {
      // Bounded, so that a route that never answers fails its test instead of hanging the build.
      return sendAsync(method, path, body, headers).get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(method + " " + path + " got no answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("request failed: " + method + " " + path, e.getCause());
    }
  }

  CompletableFuture<Res> sendAsync(
      String method, String path, BodyPublisher body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.sendAsync(b.build(), BodyHandlers.ofString())
        .thenApply(r -> new Res(r.statusCode(), r.body(), r));
  }

  // ---- the worker protocol, with the token

  Res worker(String method, String path, @Nullable String body) {
    return send(method, path, body, "X-Worker-Token", TOKEN, "Content-Type", "application/json");
  }

  Res register(String workerId, String... taskTypes) {
    return worker(
        "POST",
        "/_worker/workers/register",
        json(Map.of("worker_id", workerId, "supported_tasks", List.of(taskTypes))));
  }

  Res next(String workerId) {
    return worker("GET", "/_worker/workers/" + workerId + "/tasks/next", null);
  }

  Res result(String jobId, String taskId, String workerId, Map<String, ?> result) {
    return worker(
        "POST",
        "/_worker/tasks/result",
        json(Map.of("job_id", jobId, "task_id", taskId, "worker_id", workerId, "result", result)));
  }

  /** Creates a job through the native API and returns its JSON. */
  JsonNode createJob(String blueprint) {
    Res r = post("/api/v1/jobs", json(Map.of("blueprint", blueprint)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** The signed approval link of a job waiting for a person ({@code waiting_for.approval_url}). */
  String approvalUrl(String id) {
    String url = job(id).path("waiting_for").path("approval_url").asString();
    assertThat(url).as("job " + id + " has an approval link").startsWith("/_public/");
    return url;
  }

  JsonNode job(String id) {
    Res r = get("/api/v1/jobs/" + id);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  @Override
  public void close() {
    server.close();
    engine.close();
    ((Logger) LoggerFactory.getLogger(RouteLog.class)).detachAppender(internalErrors);
    assertThat(internalErrors.list.stream().filter(e -> e.getLevel() == Level.ERROR))
        .as("requests that reached the 500 path")
        .isEmpty();
  }

  /** A response: status, body, and the body parsed as JSON on demand. */
  record Res(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (RuntimeException e) {
        throw new UncheckedIOException(new IOException("not JSON: " + body, e));
      }
    }

    String error() {
      return json().path("error").asString();
    }
  }
}
