package dev.baton.app;

import static dev.baton.app.ConsoleForms.csrf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrating running jobs from a blueprint's page over plain HTTP: the check shown with its migrate
 * form, a forged form refused, a dry run that moves nothing, the move seen in the store through the
 * API and recorded in the ledger, a second move that moves nothing, and bad versions named.
 */
class ConsoleMigrateTest {
  /** Version 2 of {@code wait}: its state {@code run} as it was, one outcome and state more. */
  private static final String V2 =
      "{\"name\": \"wait\", \"start\": \"run\", \"states\": {"
          + "\"run\": {\"dispatch\": {\"task\": \"nobody-runs-this\"},"
          + " \"on\": {\"success\": \"finished\", \"skip\": \"extra\"}},"
          + "\"extra\": {\"dispatch\": {\"task\": \"other\"}, \"on\": {\"success\": \"finished\"}}}}";

  @TempDir Path dir;
  TestApp app;
  final ConsoleForms forms = new ConsoleForms();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anOperatorMigratesTheJobsRunningOnOneVersionToAnotherFromTheBlueprintsPage()
      throws Exception {
    app = TestApp.start(dir.resolve("data"), ConsoleForms.waitBlueprint(dir), Map.of());
    String first = app.create("wait", "{}");
    String second = app.create("wait", "{}");
    HttpResponse<String> pushed = app.send("POST", "/api/v1/blueprints?publish=true", V2);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);

    HttpResponse<String> page = forms.get(app, "/console/blueprints/wait?version=2&against=1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"check-verdict\">compatible</strong>")
        .contains("id=\"migrate-form\"")
        .contains("Migrate the running jobs from v1 to v2");
    String token = csrf(page.body());

    HttpResponse<String> forged =
        forms.post(app, "/console/blueprints/wait/migrate", "from=1&to=2&_csrf=forged");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(version(first)).isEqualTo(1);

    HttpResponse<String> dry =
        forms.post(
            app, "/console/blueprints/wait/migrate", "from=1&to=2&dry_run=on&_csrf=" + token);
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    assertThat(dry.body())
        .contains("Dry run, nothing moved: moved 2, refused 0, deferred 0, skipped 0")
        .contains("id=\"migration-moves\"")
        .contains("Job " + first + ": MOVED, run → run");
    assertThat(version(first)).isEqualTo(1);

    HttpResponse<String> moved =
        forms.post(app, "/console/blueprints/wait/migrate", "from=1&to=2&_csrf=" + token);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(moved.body()).contains("Migrated: moved 2, refused 0");
    assertThat(version(first)).isEqualTo(2);
    assertThat(version(second)).isEqualTo(2);
    String ledger = app.send("GET", "/api/v1/ledger?type=admin.blueprint_migrate", null).body();
    assertThat(ledger).contains("\"moved\":2").contains("\"from\":1").contains("\"to\":2");
    assertThat(app.send("GET", "/api/v1/ledger?type=job.migrated", null).body()).contains(first);

    HttpResponse<String> again =
        forms.post(app, "/console/blueprints/wait/migrate", "from=1&to=2&_csrf=" + token);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("Migrated: moved 0");

    HttpResponse<String> bad =
        forms.post(app, "/console/blueprints/wait/migrate", "from=one&to=2&_csrf=" + token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("give two different versions");
    HttpResponse<String> none =
        forms.post(app, "/console/blueprints/wait/migrate", "from=1&to=9&_csrf=" + token);
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(none.body()).contains("Not migrated:");
    assertThat(
            forms
                .post(app, "/console/blueprints/nope/migrate", "from=1&to=2&_csrf=" + token)
                .statusCode())
        .isEqualTo(404);
  }

  private int version(String job) throws Exception {
    return TestApp.JSON
        .readTree(app.send("GET", "/api/v1/jobs/" + job, null).body())
        .path("blueprint_version")
        .asInt();
  }
}
