package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Malformed input on every route of the OpenAPI document: bad JSON, deep nesting, NUL characters,
 * huge numbers, wrong types, empty and signed query numbers, trailing slashes, wrong methods. No
 * answer may be a 5xx (nor reach the 500 path, which {@link TestServer#close} checks), and no job
 * or schedule may be created or lost. Table-driven, with the wrong-typed fields picked by a fixed
 * seed, so a failure repeats.
 */
class RouteFuzzTest {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** What a path parameter is replaced with: ids that exist nowhere, and ones that break things. */
  private static final List<String> PATH_VALUES =
      List.of(
          "nope",
          "%00",
          "a%00b",
          "%20",
          "..",
          "%2F",
          "-1",
          "99999999999999999999999",
          "%E2%82%AC%F0%9F%98%80",
          "%FF%FE",
          "x".repeat(600));

  private static final List<String> QUERY_VALUES =
      List.of("", "+5", "-5", "%205", "abc", "1e3", "5.0", "%00", "99999999999999999999999");

  private static final List<String> BAD_BODIES =
      List.of(
          "{",
          "}",
          "null",
          "42",
          "\"text\"",
          "[]",
          "[{}]",
          "{\"a\":}",
          "{\"a\":1}garbage",
          "\u0000",
          "{\"\\u0000\":1}",
          "{\"a\":1e999}",
          InputRefusalTest.nested(70),
          "[".repeat(2000) + "]".repeat(2000),
          "{\"a\":\"\\ud800\"}",
          "\u00ff\u00fe{");

  /** Values no field of any route takes in that form, at least together with the others. */
  private static final List<String> BAD_VALUES =
      List.of(
          "\"a\\u0000b\"",
          "1e999",
          "-1e999",
          "99999999999999999999999999999999",
          InputRefusalTest.nested(80),
          "[" + InputRefusalTest.nested(70) + "]",
          "42",
          "true",
          "[]",
          "{}",
          "\"\"",
          "[1,\"a\",null]",
          "-9223372036854775809");

  /** Fields of some request body, whether or not the route documents them. */
  private static final List<String> COMMON_FIELDS =
      List.of(
          "blueprint",
          "input",
          "initial_data",
          "worker_id",
          "job_id",
          "task_id",
          "result",
          "data",
          "resources",
          "capabilities",
          "supported_tasks",
          "name",
          "timing",
          "decision",
          "priority",
          "version",
          "webhook_url");

  // Long-polls (and the query variants sent to them) answer at once rather than wait.
  private final TestServer t =
      new TestServer(TestServer.OPTIONS.withPollTimeout(java.time.Duration.ofMillis(10)));
  private final Random random = new Random(15);
  private final List<String> failures = new ArrayList<>();
  private int sent;
  private long jobsBefore;

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void noRouteAnswers5xxToMalformedInputAndTheStoreIsUnchanged() throws Exception {
    String jobId = t.createJob("hello").path("id").asString();
    Res schedule =
        t.post(
            "/api/v1/schedules",
            json(Map.of("name", "nightly", "blueprint", "hello", "cron", "0 0 1 1 *")));
    assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
    JsonNode spec = spec();
    jobsBefore = t.engine.jobs(JobQuery.all(1, 0)).total();
    long jobsAtStart = jobsBefore;
    int schedulesBefore = t.engine.schedules().list().size();
    long jobVersion = t.engine.job(jobId).orElseThrow().version();

    JsonNode paths = spec.path("paths");
    for (String template : paths.propertyNames()) {
      JsonNode item = paths.path(template);
      Set<String> documented = new LinkedHashSet<>();
      for (String key : item.propertyNames()) {
        if (METHODS.contains(key.toUpperCase(Locale.ROOT))) {
          documented.add(key.toUpperCase(Locale.ROOT));
        }
      }
      String path = firstPath(template);
      for (String method : METHODS) {
        if (!documented.contains(method)) {
          send(method, path, "{}"); // a wrong method
          continue;
        }
        JsonNode op = item.path(method.toLowerCase(Locale.ROOT));
        for (String variant : paths(template)) {
          // A well-formed subscription is a stream that stays open (EventStreamTest reads it);
          // only its malformed query parameters are sent here.
          if (!variant.equals("/api/v1/events")) {
            send(method, variant, null); // each bad path parameter
          }
        }
        send(method, path + "/", null); // a trailing slash
        if (method.equals("GET") || method.equals("DELETE")) {
          for (String name : queryNames(item, op)) {
            for (String value : QUERY_VALUES) {
              send(method, path + "?" + name + "=" + value, null);
            }
          }
        } else if (template.contains("{endpoint}")) {
          // A blueprint's create route: any JSON object is initial data, so only bodies that
          // are no JSON object, or that no store may keep, are malformed here.
          BAD_BODIES.forEach(body -> send(method, "/api/v1/jobs/greet", body));
        } else {
          BAD_BODIES.forEach(body -> send(method, path, body));
          wrongTypedBodies(spec, op).forEach(body -> send(method, path, body));
        }
      }
    }

    assertThat(failures).as("5xx answers of %d requests", sent).isEmpty();
    assertThat(sent).isGreaterThan(1500);
    assertThat(t.engine.jobs(JobQuery.all(1, 0)).total()).isEqualTo(jobsAtStart);
    assertThat(t.engine.schedules().list()).hasSize(schedulesBefore);
    assertThat(t.engine.job(jobId).orElseThrow().version()).isEqualTo(jobVersion);
  }

  private void send(String method, String path, String body) {
    sent++;
    Res r;
    try {
      r =
          t.sendRaw(
              method,
              path,
              body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
              "X-Worker-Token",
              TestServer.TOKEN,
              "Content-Type",
              "application/json");
    } catch (AssertionError | IllegalArgumentException e) {
      // The client refused to send it (a URI it cannot build): nothing reached the server.
      return;
    }
    String shown = body == null ? "" : body.substring(0, Math.min(80, body.length()));
    if (r.status() >= 500) {
      failures.add(method + " " + path + " " + shown + " -> " + r.status() + " " + r.body());
    }
    long jobs = t.engine.jobs(JobQuery.all(1, 0)).total();
    if (jobs != jobsBefore) {
      failures.add(method + " " + path + " " + shown + " -> " + r.status() + " created a job");
      jobsBefore = jobs;
    }
  }

  /** The template with each parameter replaced by each of {@link #PATH_VALUES}. */
  private static List<String> paths(String template) {
    if (!template.contains("{")) {
      return List.of(template);
    }
    List<String> out = new ArrayList<>();
    for (String value : PATH_VALUES) {
      out.add(template.replaceAll("\\{[^}]+}", value));
    }
    return out;
  }

  private static String firstPath(String template) {
    return paths(template).get(0);
  }

  private static Set<String> queryNames(JsonNode item, JsonNode op) {
    Set<String> names = new LinkedHashSet<>(List.of("limit", "offset"));
    for (JsonNode params : List.of(item.path("parameters"), op.path("parameters"))) {
      for (JsonNode p : params) {
        if (p.path("in").asString().equals("query")) {
          names.add(p.path("name").asString());
        }
      }
    }
    return names;
  }

  /**
   * For each field the body's schema names, a body with that field set to each bad value, and for
   * each common field one with two bad values picked at random; each with one more field, picked at
   * random, set to a random bad value.
   */
  private List<String> wrongTypedBodies(JsonNode spec, JsonNode op) {
    JsonNode schema =
        op.path("requestBody").path("content").path("application/json").path("schema");
    Set<String> documented = new LinkedHashSet<>();
    resolve(spec, schema).path("properties").propertyNames().forEach(documented::add);
    Set<String> fields = new LinkedHashSet<>(documented);
    fields.addAll(COMMON_FIELDS);
    List<String> names = new ArrayList<>(fields);
    List<String> out = new ArrayList<>();
    for (String field : names) {
      List<String> values =
          documented.contains(field)
              ? BAD_VALUES
              : List.of(
                  BAD_VALUES.get(random.nextInt(BAD_VALUES.size())),
                  BAD_VALUES.get(random.nextInt(BAD_VALUES.size())));
      for (String value : values) {
        StringBuilder body = new StringBuilder("{\"").append(field).append("\":").append(value);
        String other = names.get(random.nextInt(names.size()));
        if (!other.equals(field)) {
          String otherValue = BAD_VALUES.get(random.nextInt(BAD_VALUES.size()));
          body.append(",\"").append(other).append("\":").append(otherValue);
        }
        out.add(body.append('}').toString());
      }
    }
    return out;
  }

  private static JsonNode resolve(JsonNode spec, JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    if (!ref.startsWith("#/")) {
      return schema;
    }
    JsonNode node = spec;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    return node;
  }

  private static JsonNode spec() throws Exception {
    try (InputStream in = RouteFuzzTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
      return YAMLMapper.builder().build().readTree(in);
    }
  }
}
