package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Checking a blueprint change and migrating running jobs over HTTP and the CLI, against a real
 * server with the two versions of {@code examples/versioning}: the worked example of {@code
 * docs/versioning.md}, command for command, and the refusals of bad input.
 */
class VersionsBlackBoxTest {
  @TempDir static Path dir;
  static TestApp app;
  final CliRun cli = new CliRun();
  static Path v2;

  @BeforeAll
  static void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    for (String f : List.of("pay.yaml", "pay-v2.yaml")) {
      Files.copy(Path.of("../examples/versioning", f), blueprints.resolve(f));
    }
    v2 = blueprints.resolve("pay-v2.yaml");
    app = TestApp.start(dir.resolve("data"), blueprints, Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  int baton(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add("http://127.0.0.1:" + app.port());
    return cli.run(all.toArray(String[]::new));
  }

  record Answer(int status, JsonNode body) {}

  static Answer post(String path, String json) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), TestApp.JSON.readTree(r.body()));
    }
  }

  private List<String> submitOnVersionOne(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assertThat(
              baton(
                  "jobs",
                  "submit",
                  "pay",
                  "--blueprint-version",
                  "1",
                  "--input",
                  "{\"amount\":5}",
                  "-q"))
          .as(cli.err())
          .isZero();
      ids.add(cli.out().strip());
    }
    return ids;
  }

  @Test
  void theWorkedExampleChecksDryRunsMigratesAndUndoes() throws Exception {
    List<String> ids = submitOnVersionOne(3);

    assertThat(baton("blueprints", "check", "--against", "pay@1", v2.toString())).isEqualTo(1);
    assertThat(cli.out())
        .containsPattern("charge +definition_changed +needs_migration +3 +refuse")
        .containsPattern("receipt +outcomes_added +compatible +0 +as_is")
        .contains("map 'charge: charge'")
        .contains("pay v1 -> v2: needs_migration");
    assertThat(
            baton(
                "blueprints", "check", "--against", "pay@1", "--map", "charge=charge", "--to", "2"))
        .isEqualTo(1);
    assertThat(cli.out()).containsPattern("charge .* reenter +charge");

    assertThat(baton("blueprints", "migrate", "pay@1", "--to", "2", "--dry-run")).isEqualTo(1);
    assertThat(cli.out()).contains("dry run: would move 0, refused 3, deferred 0, skipped 0");
    assertThat(
            baton(
                "blueprints",
                "migrate",
                "pay@1",
                "--to",
                "2",
                "--map",
                "charge=charge",
                "--dry-run"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("dry run: would move 3, refused 0");

    assertThat(baton("blueprints", "migrate", "pay@1", "--to", "2", "--map", "charge=charge"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("moved 3, refused 0, deferred 0, skipped 0");
    assertThat(baton("jobs", "get", ids.get(0), "-o", "json")).isZero();
    assertThat(TestApp.JSON.readTree(cli.out()).path("current_task_info").toString())
        .contains("EUR");
    assertThat(baton("jobs", "history", ids.get(0))).isZero();
    assertThat(cli.out()).contains("migrated from v1 to v2");

    assertThat(baton("blueprints", "migrate", "pay@2", "--to", "1", "--map", "charge=charge"))
        .as(cli.err())
        .isZero();
    assertThat(cli.out()).contains("moved 3");
    Answer again = post("/api/v1/blueprints/pay/check", "{\"against\":1,\"version\":2}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("running_jobs").path("needs_migration").asLong()).isEqualTo(3);
  }

  @Test
  void aCandidateDocumentIsCheckedWithoutBeingRegistered() throws Exception {
    String yaml = Files.readString(v2).replace("currency: EUR", "currency: USD");
    Answer a =
        post(
            "/api/v1/blueprints/pay/check",
            TestApp.JSON.writeValueAsString(Map.of("against", 1, "candidate", yaml)));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().path("to").asInt()).isEqualTo(2);
    assertThat(a.body().path("states").get(0).path("change").asString())
        .isEqualTo("definition_changed");
  }

  @Test
  void badInputIsRefusedNamingWhatAndWhere() throws Exception {
    String check = "/api/v1/blueprints/pay/check";
    assertRefused(post(check, "{}"), 400, "field 'against' is required");
    assertRefused(post(check, "{\"against\":1}"), 400, "'version'");
    assertRefused(post(check, "{\"against\":1,\"version\":2,\"candidate\":\"x\"}"), 400, "one of");
    assertRefused(post(check, "{\"against\":9,\"version\":2}"), 404, "has no version 9");
    assertRefused(post(check, "{\"against\":1,\"version\":7}"), 404, "has no version 7");
    assertRefused(post(check, "{\"against\":1,\"version\":2,\"typo\":1}"), 400, "'typo'");
    assertRefused(
        post(check, "{\"against\":1,\"version\":2,\"mapping\":{\"nope\":\"charge\"}}"),
        400,
        "mapping 'nope: charge': 'nope' is not a state of pay v1");
    assertRefused(
        post(check, "{\"against\":1,\"version\":2,\"mapping\":{\"charge\":3}}"),
        400,
        "mapping.charge");
    assertRefused(
        post(
            check,
            "{\"against\":1,\"candidate\":\"name: other\\nstart: a\\nstates: {a: {goto:"
                + " finished}}\"}"),
        422,
        "names blueprint 'other', not 'pay'");
    assertRefused(
        post(check, "{\"against\":1,\"candidate\":\"name: pay\"}"), 422, "field 'candidate': ");
    assertRefused(
        post("/api/v1/blueprints/nope/check", "{\"against\":1,\"version\":2}"), 404, "nope");
    String migrate = "/api/v1/blueprints/pay/migrate";
    assertRefused(post(migrate, "{\"from\":1}"), 400, "field 'to' is required");
    assertRefused(post(migrate, "{\"from\":1,\"to\":1}"), 400, "nothing to move");
    assertRefused(
        post(migrate, "{\"from\":1,\"to\":2,\"states\":[\"nope\"]}"),
        400,
        "states: 'nope' is not a state of pay v1");
    assertRefused(post(migrate, "{\"from\":1,\"to\":2,\"job_ids\":[1]}"), 400, "job_ids[0]");
    assertRefused(post(migrate, "{\"from\":1,\"to\":2,\"dry_run\":\"yes\"}"), 400, "dry_run");
    assertThat(baton("blueprints", "migrate", "pay", "--to", "2")).isEqualTo(2);
    assertThat(cli.err()).contains("'pay' is not NAME@VERSION");
  }

  @Test
  void onlyOperatorsAndAdminsCheckOrMigrate() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [alice]
            token = "alice-token"
            monthly_attempts = 100

            [ops]
            token = "ops-token"
            monthly_attempts = 100
            role = "operator"

            [root]
            token = "root-token"
            monthly_attempts = 100
            role = "admin"
            """);
    Path blueprints = dir.resolve("blueprints");
    try (TestApp guarded =
        TestApp.start(
            dir.resolve("guarded"),
            blueprints,
            Map.of("CLIENTS_CONFIG_PATH", clients.toString()))) {
      String body = "{\"from\":1,\"to\":2,\"dry_run\":true}";
      String check = "{\"against\":1,\"version\":2}";
      for (String path : List.of("/migrate", "/check")) {
        String json = path.equals("/check") ? check : body;
        String route = "/api/v1/blueprints/pay" + path;
        assertThat(guarded.send("POST", route, json).statusCode()).isEqualTo(401);
        assertThat(
                guarded.send("POST", route, json, "X-Avtomatika-Token", "alice-token").statusCode())
            .isEqualTo(403);
        assertThat(
                guarded.send("POST", route, json, "X-Avtomatika-Token", "ops-token").statusCode())
            .isEqualTo(200);
        assertThat(
                guarded.send("POST", route, json, "X-Avtomatika-Token", "root-token").statusCode())
            .isEqualTo(200);
      }
    }
  }

  private static void assertRefused(Answer a, int status, String message) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
    assertThat(a.body().toString()).contains(message);
  }
}
