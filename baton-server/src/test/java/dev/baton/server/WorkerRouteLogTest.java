package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.log.LogContext;
import dev.baton.server.route.RouteLog;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A worker route that fails unexpectedly logs its 500 with the worker's, task's and job's ids in
 * the MDC (they were missing: the server's exception handler runs after the route's fields are
 * gone).
 */
class WorkerRouteLogTest {
  /** Store methods that fail, as a broken disk would, while the rest works. */
  static final Set<String> BROKEN = Set.of("renewLeases", "completeTask", "commit");

  final InMemoryStore memory = new InMemoryStore();
  volatile boolean broken;
  final Store store =
      (Store)
          Proxy.newProxyInstance(
              Store.class.getClassLoader(),
              new Class<?>[] {Store.class},
              (proxy, method, args) -> {
                if (broken && BROKEN.contains(method.getName())) {
                  throw new IllegalStateException("disk on fire");
                }
                try {
                  return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
  final WebSocketChannel channel = new WebSocketChannel();
  final Engine engine = Engine.builder(store).workerChannel(channel).build();
  final BatonServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  WorkerRouteLogTest() {
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
    engine.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("greet")));
    logs.start();
    ((Logger) LoggerFactory.getLogger(RouteLog.class)).addAppender(logs);
    server = BatonServer.start(engine, channel, TestServer.OPTIONS);
  }

  @AfterEach
  void close() {
    ((Logger) LoggerFactory.getLogger(RouteLog.class)).detachAppender(logs);
    server.close();
    engine.close();
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("X-Worker-Token", TestServer.TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  ILoggingEvent only500() {
    List<ILoggingEvent> errors =
        logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void aHeartbeatsFailureNamesTheWorker() throws Exception {
    broken = true;
    HttpResponse<String> r = send("PATCH", "/_worker/workers/w1", "{}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("internal error").doesNotContain("disk on fire");
    assertThat(only500().getMDCPropertyMap()).containsEntry(LogContext.WORKER_ID, "w1");
  }

  @Test
  void aResultsFailureNamesTheWorkerTheTaskAndTheJob() throws Exception {
    String jobId = engine.createJob(NewJob.of("hello", Map.of())).id();
    Task task = engine.poll("w1", 1, Duration.ZERO).get(0);
    broken = true;
    HttpResponse<String> r =
        send(
            "POST",
            "/_worker/tasks/result",
            "{\"worker_id\":\"w1\",\"job_id\":\""
                + jobId
                + "\",\"task_id\":\""
                + task.id()
                + "\",\"result\":{\"status\":\"success\"}}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(only500().getMDCPropertyMap())
        .containsEntry(LogContext.WORKER_ID, "w1")
        .containsEntry(LogContext.JOB_ID, jobId)
        .containsEntry(LogContext.TASK_ID, task.id());
  }
}
