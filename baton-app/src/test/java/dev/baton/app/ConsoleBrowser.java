package dev.baton.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium driven by Playwright, for the console's browser tests: one browser per test
 * class, a fresh context (no cookies) per test, the errors the page's console reports collected so
 * that a test fails on a script the Content-Security-Policy blocked or a 404 asset, and full-page
 * screenshots under {@code target/console-screenshots}. Playwright never downloads a browser.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SHOTS = Path.of("target", "console-screenshots");
  static final Duration WAIT = Duration.ofSeconds(15);

  /** What the page's console reported; a test removes the errors it caused on purpose. */
  final List<String> errors = new CopyOnWriteArrayList<>();

  private final Playwright playwright;
  private final Browser browser;
  private BrowserContext context;
  private Page page;

  private ConsoleBrowser(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Skips the test class, saying why, where {@code /usr/bin/chromium} is absent. */
  static void assumeChromium() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM),
        "browser tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)");
  }

  static ConsoleBrowser launch() throws Exception {
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu")));
    Files.createDirectories(SHOTS);
    return new ConsoleBrowser(playwright, browser);
  }

  /** A new page in a new context, 1280 × 860, its console's errors collected. */
  Page open() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
    Page p = context.newPage();
    page = p;
    p.setDefaultTimeout(WAIT.toMillis());
    // A script or style the Content-Security-Policy blocks is reported as a console error.
    p.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        errors.add(m.text() + " (" + m.location() + ") on " + p.url());
      }
    });
    p.onPageError(errors::add);
    p.onResponse(r -> {
      if (r.status() == 404) {
        errors.add("404 " + r.url());
      }
    });
    return p;
  }

  /** Closes the test's context and fails if its page reported an error it did not mean. */
  void closePage() {
    List<String> seen = List.copyOf(errors);
    errors.clear();
    context.close();
    org.assertj.core.api.Assertions.assertThat(seen)
        .as("errors in the browser's console (CSP violations, script errors)")
        // Leaving a page cuts its event stream, which htmx logs as an error event ("Event");
        // the refused login (401) and the forged form (403) are meant.
        .filteredOn(e -> !e.startsWith("Event (") && !e.contains("401") && !e.contains("403"))
        .isEmpty();
  }

  /** A form refused with 400 on purpose: the browser reports the answer in its console. */
  void refusedWith400() {
    errors.removeIf(e -> e.contains("status of 400"));
  }

  void logIn(TestApp app, String token) {
    page.navigate(app.url("/console/login").toString());
    page.fill("input[name=token]", token);
    page.waitForNavigation(() -> page.click("button[type=submit]"));
    assertThat(page).hasURL(app.url("/").toString());
  }

  void shot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
