package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's pages over plain HTTP: the open-mode banner, the security headers and cookie, a
 * change without a session or CSRF token refused, and a client that sees only its own jobs.
 */
class ConsolePagesTest {
  @TempDir Path dir;
  TestApp app;
  final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("wait.yaml"),
        """
        name: wait
        start: run
        states:
          run:
            dispatch: { task: nobody-runs-this }
            on: { success: finished }
        """);
    Files.writeString(
        blueprints.resolve("ask.yaml"),
        """
        name: ask
        start: review
        states:
          review:
            approval: { message: "Ship it?" }
            on: { approve: finished, reject: finished }
        """);
    app = TestApp.start(dir.resolve("data"), blueprints, env);
  }

  @Test
  void aDecisionTakenThroughAJobsPageMovesTheJob() throws Exception {
    start(Map.of());
    String id = app.create("ask", "{}");
    HttpResponse<String> page = get("/console/jobs/" + id);
    assertThat(page.body()).contains("a person: Ship it?").contains(">approve</button>");
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> decided =
        post("/console/jobs/" + id + "/decision", "decision=approve&_csrf=" + csrf.group(1));
    assertThat(decided.statusCode()).isEqualTo(303);
    assertThat(decided.headers().firstValue("Location"))
        .hasValue("/console/jobs/" + id + "?done=decide");
    assertThat(app.job(id).path("status").asString()).isEqualTo("finished");
    assertThat(get("/console/jobs/" + id + "?done=decide").body()).contains("Decision taken.");
  }

  @Test
  void anOpenConsoleSaysSoOnEveryPageAndSendsAStrictPolicy() throws Exception {
    start(Map.of());
    HttpResponse<String> overview = get("/");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body()).contains("id=\"open-banner\"").contains("Open mode");
    assertThat(overview.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(overview.body()).doesNotContain("<script>").doesNotContain("style=");
    assertThat(overview.headers().firstValue("Set-Cookie").orElse(""))
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
    assertThat(get("/console/jobs").body()).contains("id=\"open-banner\"");
    assertThat(get("/console/robots").body()).contains("id=\"open-banner\"");
    // The session exists, but the form carries no CSRF token: nothing is done.
    String id = app.create("wait", "{}");
    HttpResponse<String> forged = post("/console/jobs/" + id + "/cancel", "");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(app.job(id).path("status").asString()).isEqualTo("waiting_for_worker");
  }

  @Test
  void aClientSeesOnlyItsOwnJobsAndNoOperatorPage() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [alice]
            token = "alice-token"
            monthly_attempts = 1000
            [bob]
            token = "bob-token"
            monthly_attempts = 1000
            """);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(get("/").statusCode()).isEqualTo(302);
    assertThat(get("/").headers().firstValue("Location")).hasValue("/console/login");
    String alices = app.createAs("alice-token", "wait", "{}");
    String bobs = app.createAs("bob-token", "wait", "{}");

    HttpResponse<String> login = post("/console/login", "token=alice-token");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/console/jobs");
    HttpResponse<String> jobs = get("/console/jobs");
    assertThat(jobs.body()).contains(alices).doesNotContain(bobs).doesNotContain("open-banner");
    assertThat(get("/console/jobs/" + bobs).statusCode()).isEqualTo(404);
    assertThat(get("/console/jobs/" + alices).statusCode()).isEqualTo(200);
    HttpResponse<String> robots = get("/console/robots");
    assertThat(robots.statusCode()).isEqualTo(403);
    assertThat(robots.body()).contains("has the role client; this page needs operator");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(app.url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    URI uri = app.url(path);
    return browser.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
