package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.job.JobStatus;
import dev.baton.store.InMemoryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send_email against a real local SMTP server, send_sms against a local HTTP gateway. */
class NotificationsTest {
  @TempDir Path dir;
  Rig rig;
  TestSmtp smtp;
  TestGateway sms;

  @AfterEach
  void close() throws Exception {
    if (rig != null) {
      rig.close();
    }
    if (smtp != null) {
      smtp.close();
    }
    if (sms != null) {
      sms.close();
    }
  }

  void start(boolean enabled, int maxErrors) throws Exception {
    Files.writeString(
        dir.resolve("alert.json"),
        """
        {"name": "alert", "cooldown": 0, "trigger": {"type": "manual"}, "actions": [
          {"type": "send_email", "to": ["ops@example.com", "boss@example.com"],
           "subject": "[ALERT] FAULT w {{ clients_in_fault }}",
           "body": "Błędy:\\n{{ clients_error_messages }}\\n.dot line"},
          {"type": "send_sms", "to": ["+48000000850"], "text": "[ALERT] {{ clients_in_fault }}: {{ clients_error_messages_sms }}"},
          {"type": "log_event", "message": "done"}]}
        """);
    Map<String, Object> mail =
        Map.of(
            "type",
            "email",
            "host",
            "127.0.0.1",
            "port",
            smtp.port(),
            "username",
            "baton",
            "password",
            "secret",
            "from",
            "baton@example.com",
            "enabled",
            enabled,
            "max_error_attempts",
            maxErrors);
    Map<String, Object> gateway =
        Map.of(
            "type",
            "sms",
            "url",
            sms.url(),
            "login",
            "l",
            "password",
            "p",
            "serviceId",
            7,
            "source",
            "BATON",
            "enabled",
            enabled,
            "max_error_attempts",
            maxErrors);
    rig =
        new Rig(
            new InMemoryStore(),
            Clock.systemUTC(),
            2,
            Map.of("components", Map.of("mail", mail, "sms", gateway)),
            dir,
            false,
            false);
  }

  JobStatus runAlert() {
    String id = rig.scenarios.run("alert", Map.of("source", "test")).id();
    await().atMost(Duration.ofSeconds(15)).until(() -> rig.job(id).status().isTerminal());
    return rig.job(id).status();
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> lastActions() {
    return (List<Map<String, Object>>) rig.scenarios.runs("alert", 1).get(0).get("actions");
  }

  @Test
  void emailAndSmsCarryTheFaultsAndGoOverTheWire() throws Exception {
    smtp = new TestSmtp(false);
    sms = new TestGateway();
    start(true, 0);
    rig.sim(2).fault("feeder1 jammed");
    await().until(() -> "FAULT".equals(rig.components.status("c2").orElseThrow().fsmState()));

    assertThat(runAlert()).isEqualTo(JobStatus.FINISHED);

    assertThat(smtp.messages).hasSize(1);
    String message = smtp.messages.get(0);
    assertThat(TestSmtp.subject(message)).isEqualTo("[ALERT] FAULT w c2");
    assertThat(message)
        .contains(
            "To: ops@example.com, boss@example.com", "Błędy:", "c2: feeder1 jammed", "..dot line");
    assertThat(sms.bodies)
        .singleElement()
        .asString()
        .contains("\"to\":\"+48000000850\"", "\"serviceId\":7", "[ALERT] c2: c2: feeder1 jammed");
  }

  @Test
  void consecutiveFailuresSkipSendingAfterMaxErrorAttemptsUntilAck() throws Exception {
    smtp = new TestSmtp(true);
    sms = new TestGateway();
    start(true, 2);

    assertThat(runAlert()).isEqualTo(JobStatus.FAILED);
    assertThat(lastActions().get(0).get("error").toString()).contains("SMTP MAIL FROM", "554");
    assertThat(runAlert()).isEqualTo(JobStatus.FAILED);
    assertThat(rig.scenarios.actionFailures()).containsEntry("send_email", 2);
    assertThat(smtp.connections.get()).isEqualTo(2);

    // Third time: the counter reached max_error_attempts, so the email is skipped, not tried.
    assertThat(runAlert()).isEqualTo(JobStatus.FINISHED);
    assertThat(lastActions().get(0)).containsEntry("status", "skipped");
    assertThat(smtp.connections.get()).isEqualTo(2);
    assertThat(sms.bodies).hasSize(1);

    // A success resets the counter; an ACK does too.
    rig.scenarios.ack();
    smtp.refusing = false;
    assertThat(runAlert()).isEqualTo(JobStatus.FINISHED);
    assertThat(lastActions().get(0)).containsEntry("status", "success");
    assertThat(rig.scenarios.actionFailures()).containsEntry("send_email", 0);
  }

  @Test
  void sendsSkippedAfterMaxErrorAttemptsAreCountedAsErrorSkips() throws Exception {
    smtp = new TestSmtp(true);
    sms = new TestGateway();
    start(true, 2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    rig.scenarios.meteredBy(registry);
    assertThat(count(registry, "baton.scenario.error.skips", "type", "send_email")).isZero();

    assertThat(runAlert()).isEqualTo(JobStatus.FAILED);
    assertThat(runAlert()).isEqualTo(JobStatus.FAILED);
    assertThat(runAlert()).isEqualTo(JobStatus.FINISHED);

    assertThat(count(registry, "baton.scenario.error.skips", "type", "send_email")).isEqualTo(1);
    assertThat(count(registry, "baton.scenario.error.skips", "type", "send_sms")).isZero();
    assertThat(count(registry, "baton.scenario.runs", "trigger", "direct")).isEqualTo(3);
    Counter failures =
        registry
            .get("baton.scenario.actions")
            .tag("type", "send_email")
            .tag("result", "failure")
            .counter();
    assertThat(failures.count()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            registry
                    .get("baton.scenario.actions")
                    .tag("type", "log_event")
                    .tag("result", "success")
                    .counter()
                    .count()
                == 1);
  }

  private static double count(SimpleMeterRegistry r, String name, String tag, String value) {
    return r.get(name).tag(tag, value).counter().count();
  }

  @Test
  void failingSmsGatewayFailsTheScenario() throws Exception {
    smtp = new TestSmtp(false);
    sms = new TestGateway();
    sms.failing = true;
    start(true, 0);
    assertThat(runAlert()).isEqualTo(JobStatus.FAILED);
    assertThat(lastActions().get(1).get("error").toString()).contains("gateway answered 500");
  }

  @Test
  void disabledNotificationComponentsAreSilentNoOps() throws Exception {
    smtp = new TestSmtp(false);
    sms = new TestGateway();
    start(false, 0);
    assertThat(runAlert()).isEqualTo(JobStatus.FINISHED);
    assertThat(lastActions())
        .extracting(a -> a.get("status"))
        .containsExactly("skipped", "skipped", "success");
    assertThat(smtp.connections.get()).isZero();
    assertThat(sms.bodies).isEmpty();
  }
}
