package dev.baton.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser without script sees it: one cookie jar (the session), redirects not
 * followed (so a test sees where an action sends it), pages fetched and forms posted.
 */
final class ConsoleForms {
  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HttpResponse<String> get(TestApp app, String path) throws Exception {
    return get(app.url(path));
  }

  HttpResponse<String> get(URI url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts {@code form}, already URL-encoded ({@link #enc} each value). */
  HttpResponse<String> post(TestApp app, String path, String form) throws Exception {
    return post(app.url(path), form);
  }

  HttpResponse<String> post(URI url, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  /** The CSRF token of the first form on the page; fails when the page has none. */
  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /**
   * A blueprints folder in {@code dir} holding {@code wait}: one task no worker runs, so its jobs
   * wait (and write their ledger entries) for as long as a test looks at them.
   */
  static Path waitBlueprint(Path dir) throws Exception {
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
    return blueprints;
  }

  /** A clients.toml in {@code dir} with one client, alice ({@code alice-token}, role client). */
  static Path onlyAlice(Path dir) throws Exception {
    return Files.writeString(
        dir.resolve("clients.toml"),
        """
        [alice]
        token = "alice-token"
        monthly_attempts = 1000
        """);
  }
}
