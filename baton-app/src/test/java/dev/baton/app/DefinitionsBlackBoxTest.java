package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: stored definitions over HTTP on a real app (SQLite): the blueprints folder stored as
 * versions, pushes, publish and archive moving what new jobs start on, diffs, the ledger, and
 * CasareRPA's workflow routes.
 */
class DefinitionsBlackBoxTest {
  static final String HELLO_V2 =
      """
      name: hello
      api_version: v1
      api_endpoint: /jobs/hello
      description: Greets someone, twice.
      start: greet
      states:
        greet:
          dispatch: { task: greet, params: { name: "${initial_data.?name.orValue('world')}" } }
          on: { success: again }
        again:
          dispatch: { task: greet, params: { name: again } }
          on: { success: finished }
      """;

  @TempDir Path dir;
  private TestApp app;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private Path blueprints() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(
        Path.of("..", "examples", "blueprints", "hello.yaml"),
        folder.resolve("hello.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return folder;
  }

  private void start(Path folder) {
    app = TestApp.start(dir.resolve("data"), folder, Map.of());
  }

  private void restart(Path folder) {
    app.close();
    start(folder);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = app.send("GET", path, null);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    return TestApp.JSON.readTree(r.body());
  }

  private HttpResponse<String> push(String query, String contentType, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/api/v1/blueprints" + query))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int versionOfNewJob(String body) throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/v1/jobs", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("blueprint_version").asInt();
  }

  @Test
  void aFileIsStoredOnceAndAChangedFilePublishesANewVersion() throws Exception {
    Path folder = blueprints();
    start(folder);
    JsonNode versions = get("/api/v1/blueprints/hello/versions");
    assertThat(versions).hasSize(1);
    assertThat(versions.at("/0/status").asString()).isEqualTo("published");
    assertThat(versions.at("/0/created_by").asString()).isEqualTo("file:hello.yaml");
    assertThat(versions.at("/0/content_hash").asString()).hasSize(64);

    restart(folder);
    assertThat(get("/api/v1/blueprints/hello/versions")).as("an unchanged file").hasSize(1);

    Files.writeString(folder.resolve("hello.yaml"), HELLO_V2);
    restart(folder);
    assertThat(get("/api/v1/blueprints/hello/versions")).hasSize(2);
    assertThat(versionOfNewJob("{\"blueprint\":\"hello\"}")).isEqualTo(2);
    assertThat(get("/api/v1/blueprints/hello").get("version").asInt()).isEqualTo(2);
    JsonNode ledger = get("/api/v1/ledger?type=definition.*&order=asc");
    assertThat(ledger.at("/items").findValuesAsString("type"))
        .containsExactly("definition.published", "definition.published");
    assertThat(ledger.at("/items/1/details/version").asInt()).isEqualTo(2);
    assertThat(ledger.at("/items/1/details/name").asString()).isEqualTo("hello");
  }

  @Test
  void aPushedDraftStartsNothingUntilPublishedAndArchivingMovesNewJobsBack() throws Exception {
    start(blueprints());
    String before = app.create("hello", "{}");

    HttpResponse<String> pushed =
        push("?tags=demo,eu&folder=greetings", "application/yaml", HELLO_V2);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    JsonNode draft = TestApp.JSON.readTree(pushed.body());
    assertThat(draft.get("version").asInt()).isEqualTo(2);
    assertThat(draft.get("status").asString()).isEqualTo("draft");
    assertThat(draft.get("created_by").asString()).isEqualTo("anonymous");
    assertThat(push("", "application/yaml", HELLO_V2).statusCode())
        .as("the same push again changes nothing")
        .isEqualTo(200);
    assertThat(versionOfNewJob("{\"blueprint\":\"hello\"}")).isEqualTo(1);
    HttpResponse<String> draftAgain =
        push("?publish=true&tags=other", "application/yaml", HELLO_V2);
    assertThat(TestApp.JSON.readTree(draftAgain.body()).get("status").asString())
        .as("pushing the same content to publish publishes the draft it matched")
        .isEqualTo("published");
    assertThat(TestApp.JSON.readTree(draftAgain.body()).get("version").asInt()).isEqualTo(2);
    assertThat(app.send("POST", "/api/v1/blueprints/hello/versions/2/archive", null).statusCode())
        .isEqualTo(200);
    assertThat(versionOfNewJob("{\"blueprint\":\"hello\"}")).isEqualTo(1);

    HttpResponse<String> published =
        app.send("POST", "/api/v1/blueprints/hello/versions/2/publish", null);
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    assertThat(versionOfNewJob("{\"blueprint\":\"hello\"}")).isEqualTo(2);
    assertThat(app.job(before).get("blueprint_version").asInt())
        .as("a running job stays on its version")
        .isEqualTo(1);
    assertThat(get("/api/v1/blueprints/hello/versions/latest").get("content").asString())
        .isEqualTo(HELLO_V2);
    assertThat(get("/api/v1/definitions?tag=demo&folder=greetings").findValuesAsString("name"))
        .containsExactly("hello");

    JsonNode diff = get("/api/v1/blueprints/hello/diff?from=1&to=2");
    assertThat(diff.get("same").asBoolean()).isFalse();
    assertThat(diff.get("diff").asString())
        .startsWith("--- hello@1\n+++ hello@2\n")
        .contains("+description: Greets someone, twice.", "+  again:");

    assertThat(app.send("POST", "/api/v1/blueprints/hello/versions/2/archive", null).statusCode())
        .isEqualTo(200);
    assertThat(versionOfNewJob("{\"blueprint\":\"hello\"}")).isEqualTo(1);
    HttpResponse<String> archived =
        app.send("POST", "/api/v1/jobs", "{\"blueprint\":\"hello\",\"version\":2}");
    assertThat(archived.statusCode()).isEqualTo(404);
    assertThat(archived.body()).contains("version 2 is archived");
    HttpResponse<String> again =
        app.send("POST", "/api/v1/blueprints/hello/versions/2/archive", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("is archived; it cannot become archived");
    assertThat(
            get("/api/v1/ledger?type=definition.*&order=asc")
                .at("/items")
                .findValuesAsString("type"))
        .containsExactly(
            "definition.published",
            "definition.published",
            "definition.archived",
            "definition.published",
            "definition.archived");
  }

  @Test
  void badPushesAreRefusedWithWhereAndNothingIsStored() throws Exception {
    start(blueprints());
    HttpResponse<String> schema =
        push(
            "",
            "application/json",
            "{\"name\":\"x\",\"start\":\"a\",\"states\":{\"a\":{\"bogus\":1}}}");
    assertThat(schema.statusCode()).isEqualTo(400);
    assertThat(schema.body()).contains("body.json: /states/a");

    HttpResponse<String> yaml = push("", "application/yaml", "name: [unclosed");
    assertThat(yaml.statusCode()).isEqualTo(400);
    assertThat(yaml.body()).contains("is not valid YAML", "line 1");

    assertThat(push("", "text/plain", HELLO_V2).statusCode()).isEqualTo(415);
    assertThat(push("?folder=/abs", "application/yaml", HELLO_V2).statusCode()).isEqualTo(400);
    assertThat(app.send("GET", "/api/v1/blueprints/hello/versions/0", null).statusCode())
        .isEqualTo(400);
    assertThat(app.send("GET", "/api/v1/blueprints/hello/versions/9", null).statusCode())
        .isEqualTo(404);
    assertThat(app.send("GET", "/api/v1/blueprints/hello/diff?from=1", null).body())
        .contains("query parameter 'to' is required");
    assertThat(app.send("GET", "/api/v1/definitions?status=gone", null).body())
        .contains("must be one of [draft, published, archived]");
    assertThat(get("/api/v1/blueprints/hello/versions")).hasSize(1);
  }

  @Test
  void casareWorkflowsAreSavedLoadedListedByTagAndDeletedByArchiving() throws Exception {
    start(blueprints());
    String wf =
        "{\"workflow_id\":\"invoices\",\"name\":\"Invoice bot\",\"description\":\"d\","
            + "\"status\":\"published\",\"tags\":[\"finance\"],"
            + "\"content\":{\"nodes\":[{\"id\":\"n1\",\"type\":\"Start\"}],\"b\":1,\"a\":2}}";
    HttpResponse<String> saved = app.send("POST", "/api/v1/workflows", wf);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    assertThat(TestApp.JSON.readTree(saved.body()).get("version").asString()).isEqualTo("1");
    String reordered = wf.replace("\"b\":1,\"a\":2", "\"a\":2,\"b\":1");
    assertThat(app.send("POST", "/api/v1/workflows", reordered).statusCode())
        .as("the same content with its keys in another order is unchanged")
        .isEqualTo(200);

    JsonNode loaded = get("/api/v1/workflows/invoices");
    assertThat(loaded.get("name").asString()).isEqualTo("Invoice bot");
    assertThat(loaded.at("/content/nodes/0/type").asString()).isEqualTo("Start");
    assertThat(loaded.get("status").asString()).isEqualTo("published");
    assertThat(get("/api/v1/workflows?tag=finance").findValuesAsString("workflow_id"))
        .containsExactly("invoices");
    assertThat(get("/api/v1/workflows?tag=hr")).isEmpty();

    JsonNode deleted =
        TestApp.JSON.readTree(app.send("DELETE", "/api/v1/workflows/invoices", null).body());
    assertThat(deleted.get("archived_versions").get(0).asInt()).isEqualTo(1);
    assertThat(get("/api/v1/workflows?tag=finance")).isEmpty();
    assertThat(get("/api/v1/workflows/invoices?version=1").get("status").asString())
        .isEqualTo("archived");
    assertThat(app.send("POST", "/api/v1/workflows", "{\"name\":\"x\"}").statusCode())
        .isEqualTo(400);
    assertThat(app.send("GET", "/api/v1/workflows/hello", null).statusCode())
        .as("a blueprint is not a workflow")
        .isEqualTo(404);
    HttpResponse<String> notABlueprint =
        app.send("POST", "/api/v1/blueprints/invoices/versions/1/publish", null);
    assertThat(notABlueprint.statusCode()).isEqualTo(404);
    assertThat(notABlueprint.body()).contains("'invoices' is a workflow");
  }

  @Test
  void onlyOperatorsChangeDefinitionsAndTheAuthorIsRecorded() throws Exception {
    Path clients = dir.resolve("clients.toml");
    Files.writeString(
        clients,
        """
        [alice]
        token = "alice-token"
        monthly_attempts = 1000

        [ops]
        token = "ops-token"
        monthly_attempts = 1000
        role = "operator"
        """);
    app =
        TestApp.start(
            dir.resolve("data"), blueprints(), Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    HttpResponse<String> byClient =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/blueprints"))
                .header("Content-Type", "application/yaml")
                .header("X-Avtomatika-Token", "alice-token")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO_V2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(byClient.statusCode()).isEqualTo(403);
    assertThat(byClient.body()).contains("needs operator");
    assertThat(
            app.send(
                    "POST",
                    "/api/v1/blueprints/hello/versions/1/archive",
                    null,
                    "X-Avtomatika-Token",
                    "alice-token")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            app.send(
                    "GET",
                    "/api/v1/blueprints/hello/versions",
                    null,
                    "X-Avtomatika-Token",
                    "alice-token")
                .statusCode())
        .isEqualTo(200);
    assertThat(app.send("POST", "/api/v1/blueprints/hello/versions/1/archive", null).statusCode())
        .as("no token")
        .isEqualTo(401);

    HttpResponse<String> byOps =
        app.send(
            "POST",
            "/api/v1/workflows",
            "{\"workflow_id\":\"w\",\"content\":{}}",
            "X-Avtomatika-Token",
            "ops-token");
    assertThat(byOps.statusCode()).as(byOps.body()).isEqualTo(201);
    assertThat(TestApp.JSON.readTree(byOps.body()).get("created_by").asString()).isEqualTo("ops");
    assertThat(
            app.send("DELETE", "/api/v1/workflows/w", null, "X-Avtomatika-Token", "alice-token")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aScheduledJobRecordsTheVersionItRanOn() throws Exception {
    start(blueprints());
    push("?publish=true", "application/yaml", HELLO_V2);
    HttpResponse<String> schedule =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"nightly\",\"blueprint\":\"hello\",\"cron\":\"0 0 1 1 *\"}");
    assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(schedule.body()).get("id").asString();
    HttpResponse<String> fired = app.send("POST", "/api/v1/schedules/" + id + "/trigger", null);
    assertThat(fired.statusCode()).as(fired.body()).isEqualTo(201);
    String job = TestApp.JSON.readTree(fired.body()).findValue("job_id").asString();
    assertThat(app.job(job).get("blueprint_version").asInt()).isEqualTo(2);
  }
}
