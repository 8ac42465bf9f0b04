package dev.baton.job;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a job's face attaches to it, beside its data: read by the engine (the webhook owed when the
 * job ends, the worker its tasks are pinned to, the schedule to wake) and handed on by the faces
 * (the client config, the trace context sent to workers). A sub-job inherits all of it but the
 * webhook, as in Avtomatika: the client that named the webhook created only the parent.
 *
 * <p>Stored (and shown) as the map {@link #toMap()} gives, under the names Avtomatika uses, so a
 * database written before this type existed reads back the same.
 *
 * @param schedule the fire that started the job, or null when no schedule did
 * @param client who started the job, or null (a job created in code)
 * @param webhookUrl where {@code job_finished}/{@code job_failed}/{@code job_quarantined} is posted
 * @param tracingContext the W3C trace headers of the request that created the job; empty for none
 * @param affinity the one worker or robot every task of the job goes to, or null
 * @param robotClient the robot API client that submitted a robot job ({@code robot_client}); kept
 *     for the record (the blueprint reads the client from the job's input), or null
 */
public record JobAttributes(
    @Nullable ScheduleFire schedule,
    @Nullable JobClient client,
    @Nullable String webhookUrl,
    Map<String, String> tracingContext,
    @Nullable String affinity,
    @Nullable String robotClient) {

  public static final JobAttributes NONE =
      new JobAttributes(null, null, null, Map.of(), null, null);

  public JobAttributes {
    tracingContext = Maps.copy(tracingContext);
  }

  public JobAttributes withSchedule(ScheduleFire s) {
    return new JobAttributes(s, client, webhookUrl, tracingContext, affinity, robotClient);
  }

  public JobAttributes withClient(JobClient c) {
    return new JobAttributes(schedule, c, webhookUrl, tracingContext, affinity, robotClient);
  }

  public JobAttributes withWebhookUrl(String url) {
    return new JobAttributes(schedule, client, url, tracingContext, affinity, robotClient);
  }

  /** What a sub-job of this job carries: everything but the webhook (see the class comment). */
  public JobAttributes forSubJob() {
    return new JobAttributes(schedule, client, null, tracingContext, affinity, robotClient);
  }

  public JobAttributes withTracingContext(Map<String, String> headers) {
    return new JobAttributes(schedule, client, webhookUrl, headers, affinity, robotClient);
  }

  public JobAttributes withAffinity(String worker) {
    return new JobAttributes(schedule, client, webhookUrl, tracingContext, worker, robotClient);
  }

  public JobAttributes withRobotClient(String robotApiClient) {
    return new JobAttributes(
        schedule, client, webhookUrl, tracingContext, affinity, robotApiClient);
  }

  /**
   * The stored form: {@code schedule_id}, {@code schedule}, {@code fire_at}, {@code client}, {@code
   * webhook_url}, {@code tracing_context}, {@code affinity}, {@code robot_client}, each only when
   * present. The order is the one each face wrote its keys in before, so stored JSON stays byte for
   * byte.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (schedule != null) {
      m.put("schedule_id", schedule.scheduleId());
      m.put("schedule", schedule.scheduleName());
      m.put("fire_at", schedule.fireAt().toString());
    }
    if (client != null) {
      m.put("client", client.toMap());
    }
    if (webhookUrl != null) {
      m.put("webhook_url", webhookUrl);
    }
    if (!tracingContext.isEmpty()) {
      m.put("tracing_context", tracingContext);
    }
    if (affinity != null) {
      m.put("affinity", affinity);
    }
    if (robotClient != null) {
      m.put("robot_client", robotClient);
    }
    return m;
  }

  /**
   * Reads the stored form. Lenient as the readers before it were: a value of the wrong type, an
   * incomplete schedule fire or an unknown key is left out rather than failing the job's read.
   */
  public static JobAttributes fromMap(Map<String, ?> m) {
    return new JobAttributes(
        fire(m),
        m.get("client") instanceof Map<?, ?> c ? JobClient.fromMap(c) : null,
        m.get("webhook_url") instanceof String s ? s : null,
        tracing(m.get("tracing_context")),
        m.get("affinity") instanceof String s ? s : null,
        m.get("robot_client") instanceof String s ? s : null);
  }

  private static @Nullable ScheduleFire fire(Map<String, ?> m) {
    if (m.get("schedule_id") instanceof String id
        && m.get("schedule") instanceof String name
        && m.get("fire_at") instanceof String at) {
      try {
        return new ScheduleFire(id, name, Instant.parse(at));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static Map<String, String> tracing(@Nullable Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> headers) {
      headers.forEach((k, value) -> {
        if (k instanceof String name && value instanceof String s) {
          out.put(name, s);
        }
      });
    }
    return out;
  }
}
