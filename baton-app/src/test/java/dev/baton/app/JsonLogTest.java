package dev.baton.app;

import static dev.baton.app.TestApp.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The application's own logback.xml, LOG_FORMAT=json and the human format, on a job that runs
 * through an HTTP worker: the lines logged while the job's result is taken name the job, the task,
 * the worker and the client's trace.
 */
class JsonLogTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACEPARENT = "00-" + TRACE + "-b7ad6b7169203331-01";

  @TempDir Path dir;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream console = System.out;
  private TestApp app;
  private Worker worker;

  @BeforeEach
  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("hello.yaml"),
        """
        name: hello
        api_version: v1
        api_endpoint: /jobs/hello
        start: greet
        states:
          greet:
            dispatch: { task: greet }
            on: { success: finished }
        """);
    Path clients = dir.resolve("clients.toml");
    Files.writeString(
        clients, "[c]\ntoken = \"client-token\"\nplan = \"basic\"\nmonthly_attempts = 100\n");
    // Everything the console appender writes goes to the console and to `captured`.
    System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            Map.of("CLIENTS_CONFIG_PATH", clients.toString(), "WORKER_POLL_TIMEOUT_SECONDS", "2"));
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "log-worker-1")
            .token("secure-worker-token")
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("hi", "there")))
            .build();
    worker.start();
  }

  @AfterEach
  void stop() throws Exception {
    worker.close();
    app.close();
    System.setOut(console);
    configure(null); // as the other tests in this JVM found it
  }

  @Test
  void jsonLinesCarryTheJobTaskWorkerAndTrace() throws Exception {
    configure("json");
    String jobId = runJob();
    await().atMost(Duration.ofSeconds(10)).until(() -> ended(jsonLines(), jobId) != null);
    JsonNode line = ended(jsonLines(), jobId);
    assertThat(line.path("level").asString()).isEqualTo("DEBUG");
    assertThat(line.path("@timestamp").asString()).isNotEmpty();
    assertThat(line.path("job_id").asString()).isEqualTo(jobId);
    assertThat(line.path("trace_id").asString()).isEqualTo(TRACE);
    assertThat(line.path("worker_id").asString()).isEqualTo("log-worker-1");
    assertThat(line.path("task_id").asString()).isNotEmpty();
    JsonNode taken =
        jsonLines().stream()
            .filter(l -> l.path("message").asString().startsWith("result of task"))
            .filter(l -> jobId.equals(l.path("job_id").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(taken.path("task_id").asString()).isEqualTo(line.path("task_id").asString());
    assertThat(taken.path("worker_id").asString()).isEqualTo("log-worker-1");
  }

  @Test
  void theHumanFormatCarriesTheSameFields() throws Exception {
    configure("text");
    String jobId = runJob();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> captured.toString(StandardCharsets.UTF_8).contains("job " + jobId + " ended"));
    String line =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("job " + jobId + " ended"))
            .findFirst()
            .orElseThrow();
    assertThat(line)
        .contains(" job_id=" + jobId)
        .contains(" worker_id=log-worker-1")
        .contains(" trace_id=" + TRACE)
        .containsPattern(" task_id=\\S+");
  }

  private String runJob() throws Exception {
    HttpResponse<String> r =
        app.send(
            "POST",
            "/api/v1/jobs/hello",
            "{\"initial_data\":{}}",
            "X-Avtomatika-Token",
            "client-token",
            "traceparent",
            TRACEPARENT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return JSON.readTree(r.body()).get("job_id").asString();
  }

  private List<JsonNode> jsonLines() {
    return captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.startsWith("{"))
        .map(JSON::readTree)
        .toList();
  }

  private static JsonNode ended(List<JsonNode> lines, String jobId) {
    return lines.stream()
        .filter(l ->
            l.path("message")
                .asString()
                .equals("job " + jobId + " ended finished in state 'finished'"))
        .findFirst()
        .orElse(null);
  }

  /** Reloads logback.xml as Main would for LOG_FORMAT, at DEBUG; null: as it was at startup. */
  private static void configure(String format) throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs.reset();
    if (format != null) {
      logs.putProperty("baton.log.format", format);
      logs.putProperty("BATON_LOG_LEVEL", "DEBUG");
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logs);
    configurator.doConfigure(JsonLogTest.class.getResource("/logback.xml"));
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
