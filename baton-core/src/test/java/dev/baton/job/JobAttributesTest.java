package dev.baton.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobAttributesTest {

  @Test
  void anHttpJobKeepsTheKeysAndTheirOrderItWasStoredWithBefore() {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("name", "acme");
    client.put("plan", "pro");
    client.put("params", Map.of("region", "eu"));
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("client", client);
    stored.put("webhook_url", "https://hooks/x");
    stored.put("tracing_context", Map.of("traceparent", "00-abc-01"));

    JobAttributes a = JobAttributes.fromMap(stored);

    assertThat(a.client()).isEqualTo(JobClient.named("acme", "pro", Map.of("region", "eu")));
    assertThat(a.webhookUrl()).isEqualTo("https://hooks/x");
    assertThat(a.tracingContext()).containsEntry("traceparent", "00-abc-01");
    assertThat(a.toMap()).isEqualTo(stored);
    assertThat(List.copyOf(a.toMap().keySet()))
        .containsExactly("client", "webhook_url", "tracing_context");
    assertThat(List.copyOf(a.client().toMap().keySet())).containsExactly("name", "plan", "params");
  }

  @Test
  void aScheduledJobCarriesItsFireTheSchedulersClientAndItsAffinity() {
    Instant fire = Instant.parse("2026-01-01T00:05:00Z");
    JobAttributes a =
        JobAttributes.NONE
            .withSchedule(new ScheduleFire("s-1", "nightly", fire))
            .withClient(JobClient.scheduler("nightly"))
            .withAffinity("w2");

    Map<String, Object> m = a.toMap();

    assertThat(List.copyOf(m.keySet()))
        .containsExactly("schedule_id", "schedule", "fire_at", "client", "affinity");
    assertThat(m)
        .containsEntry("fire_at", "2026-01-01T00:05:00Z")
        .containsEntry(
            "client",
            Map.of(
                "token",
                "internal-scheduler",
                "plan",
                "system",
                "params",
                Map.of("source", "scheduler:nightly")));
    assertThat(JobAttributes.fromMap(m)).isEqualTo(a);
  }

  @Test
  void aRobotJobKeepsItsRobotClient() {
    JobAttributes a = JobAttributes.NONE.withRobotClient("rpa-ui");
    assertThat(a.toMap()).isEqualTo(Map.of("robot_client", "rpa-ui"));
    assertThat(JobAttributes.fromMap(a.toMap())).isEqualTo(a);
  }

  @Test
  void noAttributesAreAnEmptyMapAndAClientMayLackParts() {
    assertThat(JobAttributes.NONE.toMap()).isEmpty();
    assertThat(JobAttributes.fromMap(Map.of())).isEqualTo(JobAttributes.NONE);
    JobAttributes planOnly = JobAttributes.fromMap(Map.of("client", Map.of("plan", "pro")));
    assertThat(planOnly.client().toMap()).isEqualTo(Map.of("plan", "pro"));
  }

  @Test
  void valuesOfTheWrongTypeOrAnIncompleteFireAreLeftOutRatherThanFailingTheRead() {
    JobAttributes a =
        JobAttributes.fromMap(
            Map.of(
                "webhook_url",
                7L,
                "schedule_id",
                "s-1",
                "tracing_context",
                Map.of("traceparent", 1L),
                "unknown",
                "x"));
    assertThat(a).isEqualTo(JobAttributes.NONE);
  }
}
