package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.jdbc.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: two Baton processes on one PostgreSQL. A version published on one is what new jobs
 * start on at the other, without a restart (its wake-up, or its poll when the wake-up is lost); an
 * archive moves both back.
 */
class DefinitionsTwoNodesTest {
  @TempDir Path dir;
  private final List<TestApp> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(TestApp::close);
  }

  private TestApp node(TestPostgres.Database db, String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(
        Path.of("..", "examples", "blueprints", "hello.yaml"),
        folder.resolve("hello.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    TestApp app =
        TestApp.start(
            dir.resolve(name),
            folder,
            Map.of(
                "BATON_DATABASE_URL", db.url(),
                "BATON_DATABASE_USER", db.user(),
                "BATON_DATABASE_PASSWORD", db.password()));
    apps.add(app);
    return app;
  }

  private static int newJobVersion(TestApp app) throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/v1/jobs", "{\"blueprint\":\"hello\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("blueprint_version").asInt();
  }

  @Test
  void aVersionPublishedOnOneNodeStartsTheOtherNodesJobsWithoutARestart() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    assertThat(b.send("GET", "/api/v1/blueprints/hello/versions", null).body())
        .as("the second node found the first one's file version and stored none of its own")
        .doesNotContain("\"version\":2");

    HttpResponse<String> pushed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + a.port() + "/api/v1/blueprints?publish=true"))
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(DefinitionsBlackBoxTest.HELLO_V2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    assertThat(newJobVersion(a)).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(newJobVersion(b)).isEqualTo(2));

    assertThat(a.send("POST", "/api/v1/blueprints/hello/versions/2/archive", null).statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(newJobVersion(b)).isEqualTo(1));
  }
}
