package dev.baton.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's pages over plain HTTP: the open-mode banner, the security headers and cookie, a
 * change without a session or CSRF token refused, and a client that sees only its own jobs.
 */
class ConsolePagesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ALICE_AND_BOB =
      """
      [alice]
      token = "alice-token"
      monthly_attempts = 1000
      [bob]
      token = "bob-token"
      monthly_attempts = 1000
      """;

  @TempDir Path dir;
  TestApp app;
  final ConsoleForms forms = new ConsoleForms();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    Path blueprints = ConsoleForms.waitBlueprint(dir);
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
  void theChartsReadTheStoresSeriesBeforeAndAfterARestart() throws Exception {
    start(Map.of());
    String id = app.create("ask", "{}");
    String csrf = ConsoleForms.csrf(get("/console/jobs/" + id).body());
    post("/console/jobs/" + id + "/decision", "decision=approve&_csrf=" + csrf);
    assertThat(app.job(id).path("status").asString()).isEqualTo("finished");
    HttpResponse<String> hour = get("/console/series");
    assertThat(hour.statusCode()).isEqualTo(200);
    JsonNode series = JSON.readTree(hour.body());
    assertThat(series.path("range").asString()).isEqualTo("hour");
    assertThat(series.path("at")).hasSize(60);
    assertThat(sum(series.path("finished"))).isEqualTo(1);
    for (String column : List.of("failed", "success_rate", "queued", "average_ms")) {
      assertThat(series.path(column)).as(column).hasSize(60);
    }
    app.close();
    start(Map.of());
    JsonNode again = JSON.readTree(get("/console/series?range=day").body());
    assertThat(again.path("step_minutes").asInt()).isEqualTo(10);
    assertThat(sum(again.path("finished"))).as("the same job, after a restart").isEqualTo(1);
    assertThat(get("/?range=day").body()).contains("data-series=\"/console/series?range=day\"");
    HttpResponse<String> week = get("/console/series?range=week");
    assertThat(week.statusCode()).isEqualTo(400);
    assertThat(week.body()).contains("range must be hour or day, was 'week'");
    assertThat(get("/?range=week").statusCode()).isEqualTo(400);
  }

  private static long sum(JsonNode column) {
    long n = 0;
    for (JsonNode v : column) {
      n += v.asLong();
    }
    return n;
  }

  @Test
  void aClientSeesOnlyItsOwnJobsAndNoOperatorPage() throws Exception {
    Path clients = Files.writeString(dir.resolve("clients.toml"), ALICE_AND_BOB);
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

  @Test
  void theJobsTableFiltersByClientCreationTimeAndIdPrefixAndSaysWhatIsWrongWithAFilter()
      throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 1000
            role = "operator"
            """
                + ALICE_AND_BOB);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    String alice1 = app.createAs("alice-token", "wait", "{}");
    String alice2 = app.createAs("alice-token", "ask", "{}");
    String bobs = app.createAs("bob-token", "wait", "{}");
    assertThat(post("/console/login", "token=ops-token").statusCode()).isEqualTo(303);

    assertThat(get("/console/jobs?client=alice").body())
        .contains(alice1, alice2)
        .doesNotContain(bobs)
        .contains("2 job(s)");
    assertThat(get("/console/jobs?client=alice&blueprint=ask").body())
        .contains(alice2)
        .doesNotContain(alice1);
    String prefix = alice1.substring(0, 13);
    HttpResponse<String> byId = get("/console/jobs?text=" + prefix);
    assertThat(byId.body()).contains(alice1).doesNotContain(bobs).contains("value=\"" + prefix);
    assertThat(get("/console/jobs?from=2000-01-01T00:00&to=2100-01-01T00:00").body())
        .contains(alice1, alice2, bobs);
    assertThat(get("/console/jobs?from=2100-01-01T00:00").body())
        .contains("0 job(s)")
        .doesNotContain(alice1);
    // Every filter goes into the next page's link.
    assertThat(get("/console/jobs?client=alice&text=x&from=2000-01-01T00:00").body())
        .doesNotContain("rel=\"next\"");

    HttpResponse<String> bad = get("/console/jobs?from=yesterday&status=bogus");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("Created from: 'yesterday' is not a time; expected yyyy-MM-ddTHH:mm (UTC)")
        .contains("Status 'bogus' is not a job status.")
        .doesNotContain(alice1);
    HttpResponse<String> backwards = get("/console/jobs?from=2026-01-02T00:00&to=2026-01-01T00:00");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).contains("must be before created before");
  }

  @Test
  void aQuarantineGroupIsResumedInBulkAndAnEditedResumeIsValidated() throws Exception {
    start(Map.of());
    String a = app.create("wait", "{}");
    String b = app.create("wait", "{}");
    String c = app.create("wait", "{\"order\": 7}");
    app.app().engine().quarantine(a, "stuck: no worker took it");
    app.app().engine().quarantine(b, "stuck: no worker took it");
    app.app().engine().quarantine(c, "bad order");
    HttpResponse<String> lane = get("/console/quarantine");
    assertThat(lane.statusCode()).isEqualTo(200);
    assertThat(lane.body())
        .contains("3 quarantined job(s)")
        .contains("stuck: no worker took it")
        .contains("2 job(s), last")
        .contains("bad order");
    // The group quarantined last comes first.
    assertThat(lane.body().indexOf("bad order"))
        .isLessThan(lane.body().indexOf("stuck: no worker took it"));
    String token = csrf(lane.body());
    String group = "error=" + java.net.URLEncoder.encode("stuck: no worker took it", UTF_8);
    assertThat(post("/console/quarantine/resume", group).statusCode()).isEqualTo(403);
    assertThat(app.job(a).path("status").asString()).isEqualTo("quarantined");

    HttpResponse<String> resumed = post("/console/quarantine/resume", group + "&_csrf=" + token);
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(resumed.body()).contains("2 job(s) resumed.").doesNotContain("not resumed");
    assertThat(app.job(a).path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(app.job(b).path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(app.job(c).path("status").asString()).isEqualTo("quarantined");
    HttpResponse<String> again =
        post("/console/quarantine/resume", "job=" + a + "&job=nope&_csrf=" + token);
    assertThat(again.body())
        .contains("0 job(s) resumed.")
        .contains("2 not resumed")
        .contains("it is waiting_for_worker, no longer quarantined")
        .contains("Job not found: nope");

    HttpResponse<String> page = get("/console/jobs/" + c);
    assertThat(page.body())
        .contains("id=\"resume-data\"")
        .contains("data-json=\"resume-input-check\">{\n  \"order\" : 7\n}</textarea>");
    String malformed = "{\n  \"order\": 8,\n  \"note\": oops\n}";
    HttpResponse<String> refused =
        post(
            "/console/jobs/" + c + "/resume",
            "data=" + java.net.URLEncoder.encode(malformed, UTF_8) + "&_csrf=" + token);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("Not resumed: The data is not valid JSON at line 3, column")
        .contains("oops"); // the text is shown again to mend
    assertThat(app.job(c).path("status").asString()).isEqualTo("quarantined");
    HttpResponse<String> notObject =
        post("/console/jobs/" + c + "/resume", "data=%5B1%5D&_csrf=" + token);
    assertThat(notObject.body()).contains("The data must be a JSON object ({ … }), not an array.");

    String edited = java.net.URLEncoder.encode("{\"order\": 8, \"fixed\": true}", UTF_8);
    HttpResponse<String> done =
        post("/console/jobs/" + c + "/resume", "data=" + edited + "&_csrf=" + token);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location"))
        .hasValue("/console/jobs/" + c + "?done=resume");
    var job = app.job(c);
    assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(app.app().engine().job(c).orElseThrow().data())
        .containsEntry("order", 8L)
        .containsEntry("fixed", true);
  }

  @Test
  void theClusterPageListsThisNodeAndTheDutyItLeads() throws Exception {
    start(Map.of("BATON_NODE_ID", "node-a"));
    HttpResponse<String> page = get("/console/cluster");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("served by node <strong>node-a</strong>")
        .contains("node-a <span class=\"hint\">(this node)</span>")
        .contains("control-loop")
        .contains("hx-trigger=\"every 5s\"");
  }

  @Test
  void theBlueprintsPanelFilesStoredBlueprintsByFolderWithTheirVersionsAndRunningJobs()
      throws Exception {
    start(Map.of());
    HttpResponse<String> pushed =
        app.send(
            "POST",
            "/api/v1/blueprints?folder=billing/cards&tags=money,cards&publish=true",
            "{\"name\": \"charge\", \"start\": \"run\", \"states\": {\"run\":"
                + " {\"dispatch\": {\"task\": \"charge\"}, \"on\": {\"success\":"
                + " \"finished\"}}}}");
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    app.create("wait", "{}");
    app.create("wait", "{}");
    app.app().engine().cancel(app.create("ask", "{}")); // ended: not running
    HttpResponse<String> page = get("/console/blueprints");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body)
        .contains("href=\"/console/blueprints\" class=\"active\">Blueprints</a>")
        .contains("3 blueprint(s)")
        .contains("data-folder=\"billing\"")
        .contains("data-folder=\"billing/cards\"");
    // The parent folder comes before its child, and charge is filed in the child.
    assertThat(body.indexOf("data-folder=\"billing\""))
        .isLessThan(body.indexOf("data-folder=\"billing/cards\""));
    assertThat(body.indexOf("data-blueprint=\"charge\""))
        .isGreaterThan(body.indexOf("data-folder=\"billing/cards\""));
    assertThat(row(body, "wait")).contains("<td class=\"running\">2</td>").contains("v1");
    assertThat(row(body, "ask")).contains("<td class=\"running\">0</td>");
    assertThat(row(body, "charge"))
        .contains("?tag=money")
        .contains("<td class=\"versions\">1</td>");
    HttpResponse<String> tagged = get("/console/blueprints?tag=money");
    assertThat(tagged.body())
        .contains("1 blueprint(s) tagged")
        .contains("data-blueprint=\"charge\"")
        .doesNotContain("data-blueprint=\"wait\"");

    HttpResponse<String> detail = get("/console/blueprints/wait");
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains("<svg")
        .contains("data-state=\"run\"")
        .contains("data-from=\"run\" data-to=\"finished\"")
        .contains(">success</text>")
        .contains("id=\"blueprint-content\">name: wait")
        .contains("file:wait.yaml")
        .contains("<a href=\"/console/jobs?blueprint=wait\">2</a>")
        .doesNotContain("style=");
    assertThat(get("/console/blueprints/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void anOperatorPushesPublishesAndArchivesBlueprintVersionsThroughTheForms() throws Exception {
    start(Map.of());
    String running = app.create("wait", "{}"); // on v1, in state 'run'
    String token = csrf(get("/console/blueprints/wait").body());
    String v2 =
        """
        name: wait
        description: "<b>renamed</b> run to work"
        start: work
        states:
          work:
            dispatch: { task: nobody-runs-this }
            on: { success: finished }
        """;
    // No CSRF token: refused, nothing stored.
    assertThat(post("/console/blueprints/wait/push", "document=" + enc(v2)).statusCode())
        .isEqualTo(403);
    assertThat(versions("wait")).hasSize(1);

    HttpResponse<String> bad =
        post(
            "/console/blueprints/wait/push",
            "document=" + enc("name: wait\nstart: nowhere\n") + "&_csrf=" + token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("Not stored: the document was refused.")
        .contains("id=\"push-problems\"")
        .contains("start: nowhere");
    HttpResponse<String> other =
        post(
            "/console/blueprints/wait/push",
            "document=" + enc(v2.replace("name: wait", "name: other")) + "&_csrf=" + token);
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(other.body()).contains("The document names blueprint 'other', not 'wait'");
    assertThat(versions("wait")).hasSize(1);

    HttpResponse<String> draft =
        post(
            "/console/blueprints/wait/push",
            "document=" + enc(v2) + "&folder=ops&tags=slow&_csrf=" + token);
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(303);
    assertThat(draft.headers().firstValue("Location"))
        .hasValue("/console/blueprints/wait?version=2&done=pushed");
    assertThat(versions("wait")).containsExactly("published", "draft");
    HttpResponse<String> page = get("/console/blueprints/wait?version=2&done=pushed");
    assertThat(page.body())
        .contains("Stored as a draft")
        .contains("&lt;b&gt;renamed&lt;/b&gt;") // the content is escaped
        .doesNotContain("<b>renamed</b>")
        .contains("<span class=\"del\">-start: run</span>")
        .contains("<span class=\"add\">+start: work</span>")
        .contains("id=\"check-verdict\">incompatible</strong>")
        .contains(
            "1 running job(s) on version 1: 0 move as they are, 0 need a mapping, 1 cannot move.")
        .contains("looks renamed to 'work'");

    // The check says a job sits in a state v2 no longer has: refused when compatibility is asked.
    HttpResponse<String> refused =
        post("/console/blueprints/wait/versions/2/publish", "require=compatible&_csrf=" + token);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body())
        .contains("Not published: the change from version 1 is incompatible")
        .contains("id=\"check-verdict\">incompatible</strong>");
    assertThat(versions("wait")).containsExactly("published", "draft");

    HttpResponse<String> published =
        post("/console/blueprints/wait/versions/2/publish", "_csrf=" + token);
    assertThat(published.statusCode()).isEqualTo(303);
    assertThat(published.headers().firstValue("Location"))
        .hasValue("/console/blueprints/wait?version=2&done=published");
    assertThat(versions("wait")).containsExactly("published", "published");
    String onV2 = app.create("wait", "{}");
    assertThat(app.job(onV2).path("state").asString()).isEqualTo("work");
    assertThat(app.job(running).path("state").asString()).isEqualTo("run");

    HttpResponse<String> archived =
        post("/console/blueprints/wait/versions/1/archive", "_csrf=" + token);
    assertThat(archived.statusCode()).isEqualTo(303);
    assertThat(versions("wait")).containsExactly("archived", "published");
    HttpResponse<String> again =
        post("/console/blueprints/wait/versions/1/archive", "_csrf=" + token);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Not done:").contains("is archived");
    assertThat(get("/console/blueprints").body()).contains("data-folder=\"ops\"");

    for (String verb : new String[] {"push", "publish", "archive"}) {
      HttpResponse<String> ledger =
          app.send("GET", "/api/v1/ledger?type=admin.blueprint_" + verb, null);
      assertThat(ledger.body())
          .as(verb)
          .contains("\"source\":\"console\"")
          .contains("\"blueprint\":\"wait\"");
    }
    // The store's own entry names who moved it, from where.
    assertThat(app.send("GET", "/api/v1/ledger?type=definition.archived", null).body())
        .contains("\"source\":\"console\"");

    // A new blueprint pushed from the panel; an empty one refused with 400, not a 500.
    HttpResponse<String> fresh =
        post(
            "/console/blueprints",
            "document=" + enc(v2.replace("name: wait", "name: fresh")) + "&_csrf=" + token);
    assertThat(fresh.headers().firstValue("Location"))
        .hasValue("/console/blueprints/fresh?version=1&done=pushed");
    HttpResponse<String> empty = post("/console/blueprints", "document=&_csrf=" + token);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("The document is empty");
    HttpResponse<String> garbage =
        post("/console/blueprints", "document=" + enc("{\"name\": ") + "&_csrf=" + token);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("Not stored: the document was refused.");
  }

  @Test
  void aClientReadsBlueprintsButMayNotChangeThem() throws Exception {
    Path clients = Files.writeString(dir.resolve("clients.toml"), ALICE_AND_BOB);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(get("/console/blueprints").statusCode()).isEqualTo(302);
    // No session: refused before anything is looked at.
    assertThat(post("/console/blueprints/wait/versions/1/archive", "_csrf=x").statusCode())
        .isEqualTo(403);
    app.createAs("alice-token", "wait", "{}");
    app.createAs("bob-token", "wait", "{}");
    assertThat(post("/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    HttpResponse<String> tree = get("/console/blueprints");
    assertThat(tree.statusCode()).isEqualTo(200);
    // A client counts only the jobs it created, and is offered no change.
    assertThat(row(tree.body(), "wait")).contains("<td class=\"running\">1</td>");
    assertThat(tree.body()).doesNotContain("id=\"push-new\"");
    HttpResponse<String> page = get("/console/blueprints/wait");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("class=\"archive\"").doesNotContain("id=\"push\"");
    HttpResponse<String> archive =
        post("/console/blueprints/wait/versions/1/archive", "_csrf=" + csrf(page.body()));
    assertThat(archive.statusCode()).isEqualTo(403);
    assertThat(archive.body()).contains("has the role client; this page needs operator");
    assertThat(versions("wait", "X-Avtomatika-Token", "alice-token")).containsExactly("published");
  }

  /** Ship asks a person first; a revision asks again, a failed shipment goes back for review. */
  private static final String FLOW =
      "{\"name\": \"flow\", \"start\": \"review\", \"states\": {"
          + "\"review\": {\"approval\": {\"message\": \"Ship it?\"}, \"on\": {\"approve\":"
          + " \"ship\", \"reject\": \"rejected\", \"revise\": \"review\"}},"
          + "\"ship\": {\"dispatch\": {\"task\": \"nobody-runs-this\"}, \"on\": {\"success\":"
          + " \"finished\", \"failure\": \"review\"}},"
          + "\"rejected\": {\"end\": \"failed\"}}}";

  @Test
  void aBlueprintsGraphHasABoxPerStateAndAnArrowPerTransitionWhereElkPutThem() throws Exception {
    start(Map.of());
    HttpResponse<String> pushed = app.send("POST", "/api/v1/blueprints?publish=true", FLOW);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    String svg = svg(get("/console/blueprints/flow").body());
    assertThat(boxes(svg).keySet())
        .containsExactlyInAnyOrder("review", "ship", "rejected", "finished");
    assertThat(arrows(svg))
        .containsExactlyInAnyOrder(
            "review>review", "review>ship", "review>rejected", "ship>finished", "ship>review");
    // Left to right in layers from the start: ship's box stands right of review's.
    assertThat(boxes(svg).get("ship")[0]).isGreaterThan(boxes(svg).get("review")[0]);
    // Every arrow follows the route ELK computed: a start, at least an end, in whole pixels.
    Matcher route = Pattern.compile("<path d=\"([^\"]*)\" marker-end").matcher(svg);
    int routes = 0;
    while (route.find()) {
      assertThat(route.group(1)).matches("M \\d+ \\d+( L \\d+ \\d+)+");
      routes++;
    }
    assertThat(routes).isEqualTo(5);
    assertThat(svg).contains(">approve</text>").doesNotContain("visited");
  }

  @Test
  void aJobsPageDrawsItsBlueprintWithThePathItTookMarked() throws Exception {
    start(Map.of());
    assertThat(app.send("POST", "/api/v1/blueprints?publish=true", FLOW).statusCode())
        .isEqualTo(201);
    String id = app.create("flow", "{}");
    String token = csrf(get("/console/jobs/" + id).body());
    assertThat(post("/console/jobs/" + id + "/decision", "decision=approve&_csrf=" + token))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(303);
    String svg = svg(get("/console/jobs/" + id).body());
    assertThat(svg)
        .contains("class=\"node start visited\" data-state=\"review\"")
        .contains("class=\"node current\" data-state=\"ship\"")
        .contains("class=\"node end\" data-state=\"finished\"")
        .contains("class=\"edge taken\" data-from=\"review\" data-to=\"ship\"")
        .contains("class=\"edge\" data-from=\"ship\" data-to=\"finished\"");
    assertThat(boxes(svg)).hasSize(4);
  }

  /** The page's state graph. */
  private static String svg(String html) {
    int at = html.indexOf("<figure class=\"graph\" id=\"state-graph\">");
    assertThat(at).as("a state graph").isNotNegative();
    return html.substring(at, html.indexOf("</figure>", at));
  }

  /** Each box's state and its x, y, width and height. */
  private static Map<String, int[]> boxes(String svg) {
    Matcher m =
        Pattern.compile(
                "data-state=\"([^\"]+)\">.*?<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\""
                    + " height=\"(\\d+)\"",
                Pattern.DOTALL)
            .matcher(svg);
    Map<String, int[]> out = new java.util.HashMap<>();
    while (m.find()) {
      int[] box = new int[4];
      for (int i = 0; i < 4; i++) {
        box[i] = Integer.parseInt(m.group(i + 2));
      }
      assertThat(box[2]).isPositive();
      out.put(m.group(1), box);
    }
    return out;
  }

  /** Each arrow as "from>to". */
  private static java.util.List<String> arrows(String svg) {
    Matcher m = Pattern.compile("data-from=\"([^\"]+)\" data-to=\"([^\"]+)\"").matcher(svg);
    java.util.List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1) + ">" + m.group(2));
    }
    return out;
  }

  /** The statuses of a blueprint's stored versions, oldest first, through the API. */
  private java.util.List<String> versions(String name, String... headers) throws Exception {
    HttpResponse<String> r =
        app.send("GET", "/api/v1/blueprints/" + name + "/versions", null, headers);
    java.util.List<String> out = new java.util.ArrayList<>();
    TestApp.JSON.readTree(r.body()).forEach(v -> out.add(v.path("status").asString()));
    return out;
  }

  /** A blueprint's row of the panel's tree. */
  private static String row(String html, String blueprint) {
    int at = html.indexOf("data-blueprint=\"" + blueprint + "\"");
    assertThat(at).as("row of " + blueprint).isNotNegative();
    return html.substring(at, html.indexOf("</tr>", at));
  }

  private static String enc(String s) {
    return ConsoleForms.enc(s);
  }

  private static String csrf(String html) {
    return ConsoleForms.csrf(html);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return forms.get(app, path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return forms.post(app, path, form);
  }
}
