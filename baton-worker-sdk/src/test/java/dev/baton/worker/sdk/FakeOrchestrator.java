package dev.baton.worker.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Just enough of the Avtomatika 1.0b7 worker routes to drive a worker: registration, heartbeat,
 * long-poll with a short hold, result capture, and scripted error answers.
 */
public final class FakeOrchestrator implements AutoCloseable {
  public static final String TOKEN = "test-worker-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public final List<Map<String, Object>> registrations = new CopyOnWriteArrayList<>();
  public final List<Map<String, Object>> heartbeats = new CopyOnWriteArrayList<>();
  public final List<Map<String, Object>> results = new CopyOnWriteArrayList<>();
  public final BlockingQueue<Map<String, Object>> tasks = new LinkedBlockingQueue<>();
  public final AtomicInteger polls = new AtomicInteger();
  public final AtomicInteger openPolls = new AtomicInteger();
  public final AtomicInteger unauthorized = new AtomicInteger();
  public volatile Duration hold = Duration.ofMillis(100);

  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Queue<Integer> resultAnswers = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> pollAnswers = new ConcurrentLinkedQueue<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  public FakeOrchestrator() throws IOException {
    this(0);
  }

  /** Binds {@code port}; 0 picks a free one. */
  public FakeOrchestrator(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/_worker/", this::route);
    server.setExecutor(executor);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Queues a task whose job id is {@code job-<taskId>}. */
  public void enqueue(String taskId, String type, Map<String, ?> params) {
    tasks.add(
        Map.of(
            "job_id", "job-" + taskId,
            "task_id", taskId,
            "type", type,
            "params", params,
            "tracing_context", Map.of("traceparent", "00-trace-" + taskId)));
  }

  /** Drops the worker, as a restarted orchestrator would; its next heartbeat gets 404. */
  public void forget(String workerId) {
    known.remove(workerId);
  }

  /** The next result posts get these statuses (and are captured anyway); later ones get 200. */
  public void answerResults(Integer... statuses) {
    resultAnswers.addAll(List.of(statuses));
  }

  /** The next polls get these statuses instead of a task; later ones behave normally. */
  public void answerPolls(Integer... statuses) {
    pollAnswers.addAll(List.of(statuses));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(@Nullable Object value) {
    return (Map<String, Object>) Objects.requireNonNull(value);
  }

  private void route(HttpExchange ex) throws IOException {
    try (ex) {
      if (!TOKEN.equals(ex.getRequestHeaders().getFirst("X-Worker-Token"))) {
        unauthorized.incrementAndGet();
        respond(ex, 401, "{\"error\":\"Unauthorized: No valid token found\"}");
        return;
      }
      String[] path = ex.getRequestURI().getPath().split("/", -1);
      String method = ex.getRequestMethod();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (method.equals("POST")
          && ex.getRequestURI().getPath().equals("/_worker/workers/register")) {
        Map<String, Object> worker = parse(body);
        registrations.add(worker);
        known.add((String) worker.get("worker_id"));
        respond(ex, 200, "{\"status\":\"registered\"}");
      } else if (method.equals("PATCH") && path.length == 4) {
        heartbeat(ex, path[3], body);
      } else if (method.equals("GET") && path.length == 6 && path[5].equals("next")) {
        poll(ex);
      } else if (method.equals("POST")
          && ex.getRequestURI().getPath().equals("/_worker/tasks/result")) {
        results.add(parse(body));
        Integer status = resultAnswers.poll();
        respond(ex, status == null ? 200 : status, "{\"status\":\"result_accepted_success\"}");
      } else {
        respond(ex, 404, "{\"error\":\"Not found\"}");
      }
    }
  }

  private void heartbeat(HttpExchange ex, String workerId, String body) throws IOException {
    if (!known.contains(workerId)) {
      respond(ex, 404, "{\"error\":\"Worker not found\"}");
      return;
    }
    heartbeats.add(body.isBlank() ? Map.of() : parse(body));
    respond(ex, 200, body.isBlank() ? "{\"status\":\"ttl_refreshed\"}" : body);
  }

  private void poll(HttpExchange ex) throws IOException {
    polls.incrementAndGet();
    Integer scripted = pollAnswers.poll();
    if (scripted != null) {
      respond(ex, scripted, "{\"error\":\"Too Many Requests\"}");
      return;
    }
    openPolls.incrementAndGet();
    try {
      Map<String, Object> task = tasks.poll(hold.toMillis(), TimeUnit.MILLISECONDS);
      if (task == null) {
        ex.sendResponseHeaders(204, -1);
      } else {
        respond(ex, 200, JSON.writeValueAsString(task));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      openPolls.decrementAndGet();
    }
  }

  private static Map<String, Object> parse(String body) {
    return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
