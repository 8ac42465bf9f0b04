package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's ledger search over plain HTTP, on the entries real jobs write: filters by type (a
 * prefix), job, severity, source and time, pages of 50 by the store's cursor, values escaped, bad
 * filters answered 400 naming each problem, and a client refused.
 */
class ConsoleLedgerTest {
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
    app = TestApp.start(dir.resolve("data"), blueprints, env);
  }

  @Test
  void anOperatorFiltersAndPagesTheLedger() throws Exception {
    start(Map.of());
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      jobs.add(app.create("wait", "{}"));
    }
    HttpResponse<String> all = get("/console/ledger");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body())
        .contains(">Ledger</a>")
        .contains("<td>job.waiting_for_worker</td>")
        .contains("id=\"older-page\"")
        .doesNotContain("id=\"newest-page\"")
        .doesNotContain("style=");

    String one = jobs.get(3);
    HttpResponse<String> byJob = get("/console/ledger?job=" + one);
    assertThat(byJob.statusCode()).isEqualTo(200);
    assertThat(rows(byJob.body())).isEqualTo(1);
    assertThat(byJob.body()).contains("<a href=\"/console/jobs/" + one + "\">" + one + "</a>");

    HttpResponse<String> page1 = get("/console/ledger?type=job.*");
    assertThat(rows(page1.body())).isEqualTo(50);
    Matcher older =
        Pattern.compile("href=\"/console/ledger\\?([^\"]+)\" id=\"older-page\"")
            .matcher(page1.body());
    assertThat(older.find()).isTrue();
    HttpResponse<String> page2 = get("/console/ledger?" + older.group(1).replace("&amp;", "&"));
    assertThat(page2.statusCode()).isEqualTo(200);
    assertThat(rows(page2.body())).isEqualTo(5);
    assertThat(page2.body()).contains("id=\"newest-page\"").doesNotContain("id=\"older-page\"");
    assertThat(page2.body()).contains(jobs.get(0)).doesNotContain(jobs.get(54));

    assertThat(get("/console/ledger?type=job.*&severity=error").body())
        .contains("No entry matches.");
    assertThat(rows(get("/console/ledger?type=job.*&severity=info&source=engine").body()))
        .isBetween(0, 50);
    assertThat(get("/console/ledger?from=2999-01-01T00:00").body()).contains("No entry matches.");
    assertThat(rows(get("/console/ledger?type=job.*&to=2999-01-01T00:00Z").body())).isEqualTo(50);

    HttpResponse<String> escaped = get("/console/ledger?type=%3Cx%3E*");
    assertThat(escaped.statusCode()).isEqualTo(200);
    assertThat(escaped.body()).contains("value=\"&lt;x>*\"").doesNotContain("<x>");

    HttpResponse<String> bad =
        get("/console/ledger?severity=loud&from=yesterday&after=abc&type=a*b");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("unknown severity 'loud'")
        .contains("From: 'yesterday' is not a time")
        .contains("The page cursor 'after' must be a whole number")
        .contains("Fix the filter above to see entries.");
    HttpResponse<String> star = get("/console/ledger?type=a*b");
    assertThat(star.statusCode()).isEqualTo(400);
    assertThat(star.body()).contains("may only end a prefix");
    HttpResponse<String> order = get("/console/ledger?from=2026-12-02T10:00&to=2026-12-02T09:00");
    assertThat(order.statusCode()).isEqualTo(400);
    assertThat(order.body()).contains("must be before to");
  }

  @Test
  void aClientMayNotSearchTheLedger() throws Exception {
    Path clients = ConsoleForms.onlyAlice(dir);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(post("/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    HttpResponse<String> page = get("/console/ledger");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("has the role client; this page needs operator");
  }

  private static int rows(String html) {
    return (int) Pattern.compile("<tr class=\"severity-").matcher(html).results().count();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return forms.get(app, path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return forms.post(app, path, form);
  }
}
