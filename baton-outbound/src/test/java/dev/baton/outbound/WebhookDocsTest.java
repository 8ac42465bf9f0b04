package dev.baton.outbound;

import static dev.baton.outbound.NoticeDeliveryTest.T0;
import static dev.baton.outbound.NoticeDeliveryTest.local;
import static dev.baton.outbound.NoticeDeliveryTest.owe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python {@code verify} in docs/webhooks.md, run as written on a real signed delivery: it
 * accepts it, and refuses it with a changed body, replayed late, or with the wrong secret. Skipped
 * when {@code python3} is not on the PATH (VerifyingReceiver makes the same check in Java).
 */
class WebhookDocsTest {
  static final Path DOC = Path.of("..", "docs", "webhooks.md");
  static final String HARNESS =
      """

      import json, sys
      for case in json.load(sys.stdin):
          body = base64.b64decode(case["body"])
          print(verify(case["secret"], case["headers"], body, now=case["now"]) or "ok")
      """;

  @TempDir Path dir;

  @Test
  void theDocumentedPythonVerifierAcceptsARealDeliveryAndRefusesTamperedOrStaleOnes()
      throws Exception {
    Assumptions.assumeTrue(pythonAvailable(), "python3 is not on the PATH");
    ManualClock clock = new ManualClock(T0);
    VerifyingReceiver.Request sent;
    try (Store store = new InMemoryStore();
        VerifyingReceiver receiver = new VerifyingReceiver(WebhookSigningTest.SERVER_WIDE, clock);
        NoticeDelivery delivery =
            NoticeDelivery.create(
                store,
                clock,
                local(DeliveryOptions.DEFAULTS)
                    .withSecrets(
                        new WebhookSecrets(
                            Map.of(), WebhookSecret.parse(WebhookSigningTest.SERVER_WIDE))))) {
      owe(store, "n1", "job-1", receiver.url(), T0);
      delivery.deliverDue();
      sent = receiver.requests.get(0);
    }
    long now = T0.getEpochSecond();
    byte[] tampered =
        (new String(sent.body(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
    String out =
        runPython(
            java.util.List.of(
                testCase(WebhookSigningTest.SERVER_WIDE, sent, sent.body(), now + 10),
                testCase(WebhookSigningTest.SERVER_WIDE, sent, tampered, now),
                testCase(WebhookSigningTest.SERVER_WIDE, sent, sent.body(), now + 301),
                testCase(WebhookSigningTest.ACME, sent, sent.body(), now)));
    assertThat(out.lines())
        .containsExactly("ok", "bad signature", "stale timestamp", "bad signature");
  }

  static Map<String, Object> testCase(
      String secret, VerifyingReceiver.Request r, byte[] body, long now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("secret", secret);
    c.put("headers", r.headers());
    c.put("body", Base64.getEncoder().encodeToString(body));
    c.put("now", now);
    return c;
  }

  /** The doc's first python block, then the harness, fed the cases on stdin. */
  private String runPython(Object cases) throws Exception {
    Matcher m =
        Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    assertThat(m.find()).as("a python block in " + DOC).isTrue();
    Path script = Files.writeString(dir.resolve("verify.py"), m.group(1) + HARNESS);
    Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
    try {
      p.getOutputStream().write(JsonMapper.builder().build().writeValueAsBytes(cases));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static boolean pythonAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
