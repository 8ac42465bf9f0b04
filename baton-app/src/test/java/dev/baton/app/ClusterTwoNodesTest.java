package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Leadership;
import dev.baton.store.Change;
import dev.baton.store.jdbc.TestPostgres;
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
import tools.jackson.databind.JsonNode;

/**
 * Two Baton processes on one PostgreSQL with the control loop enabled on both: one leads it, the
 * cluster route shows both and who leads, and when the leader stops renewing (as a killed process
 * would) the other takes the loop over with a higher term, while the old one may no longer write as
 * the leader.
 */
class ClusterTwoNodesTest {
  @TempDir Path dir;
  final List<TestApp> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(TestApp::close);
  }

  TestApp node(TestPostgres.Database db, String name) throws Exception {
    TestApp app =
        TestApp.start(
            dir.resolve(name),
            Files.createDirectories(dir.resolve("blueprints")),
            Map.of(
                "BATON_DATABASE_URL",
                db.url(),
                "BATON_DATABASE_USER",
                db.user(),
                "BATON_DATABASE_PASSWORD",
                db.password(),
                "BATON_NODE_ID",
                name,
                "BATON_LEADER_LEASE_SECONDS",
                "1",
                "ORCHESTRATOR_ENABLED",
                "true"));
    apps.add(app);
    return app;
  }

  @Test
  void oneNodeLeadsTheLoopAndAnotherTakesOverWhenItStops() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    TestApp a = node(db, "a");
    TestApp b = node(db, "b");
    assertThat(a.app().loop().leads()).as("the first node leads").isTrue();
    assertThat(b.app().loop().leads()).isFalse();
    assertThat(b.app().loop().running()).as("b's timer waits, enabled").isTrue();

    JsonNode cluster = cluster(b);
    assertThat(cluster.path("node").asString()).isEqualTo("b");
    assertThat(cluster.path("nodes").findValuesAsString("id")).containsExactly("a", "b");
    assertThat(cluster.path("nodes").get(0).path("alive").asBoolean()).isTrue();
    assertThat(cluster.path("nodes").get(0).path("roles").get(0).asString())
        .isEqualTo("leader:control-loop");
    assertThat(cluster.path("nodes").get(1).path("roles").isEmpty()).isTrue();
    assertThat(cluster.path("nodes").get(1).path("this_node").asBoolean()).isTrue();
    JsonNode duty = cluster.path("duties").get(0);
    assertThat(duty.path("duty").asString()).isEqualTo(Leadership.CONTROL_LOOP);
    assertThat(duty.path("leader").asString()).isEqualTo("a");

    Leadership old = a.app().leadership();
    Lead stale = old.lead(Leadership.CONTROL_LOOP).orElseThrow();
    old.halt(); // no resignation: the lease has to lapse, as a killed node's does
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> b.app().loop().leads() && !a.app().loop().leads());
    Lead now = b.app().leadership().lead(Leadership.CONTROL_LOOP).orElseThrow();
    assertThat(now.term()).isGreaterThan(stale.term());
    assertThat(old.commit(Leadership.CONTROL_LOOP, Change.builder()))
        .as("the old leader may no longer write as the leader")
        .isFalse();
    assertThat(cluster(a).path("duties").get(0).path("leader").asString()).isEqualTo("b");
  }

  static JsonNode cluster(TestApp app) throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/v1/cluster", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApp.JSON.readTree(r.body());
  }
}
