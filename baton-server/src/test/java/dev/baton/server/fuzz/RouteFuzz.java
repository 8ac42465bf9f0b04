package dev.baton.server.fuzz;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Malformed input on every route of an OpenAPI document: bad JSON, deep nesting, NUL characters,
 * lone surrogates, huge numbers, wrong types, empty and signed query numbers, trailing slashes, bad
 * path parameters, wrong methods. No answer may be a 5xx, and the target's {@link
 * Target#fingerprint} (what it stores) may not change across any request. Table-driven, with the
 * wrong-typed fields picked by a fixed seed, so a failure repeats.
 *
 * <p>Used by baton-server's {@code RouteFuzzTest} (the core's routes on the in-memory store) and by
 * baton-app's fuzz (every module wired, on SQLite): one table, two servers.
 */
public final class RouteFuzz {
  /**
   * The event stream: a request it accepts (many of the fuzzed query values are valid ids or
   * channels) is a stream that stays open, so it gets only a wrong method and a trailing slash
   * here; EventsBlackBoxTest sends it bad channels and parameters.
   */
  private static final String EVENTS = "/api/v1/events";

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
          "%ED%A0%80",
          "x".repeat(600));

  private static final List<String> QUERY_VALUES =
      List.of("", "+5", "-5", "%205", "abc", "1e3", "5.0", "%00", "%ED%A0%80", "99999999999999999");

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
          nested(70),
          "[".repeat(2000) + "]".repeat(2000),
          "{\"a\":\"\\ud800\"}",
          "\u00ff\u00fe{");

  /** Values no field of any route takes in that form, at least together with the others. */
  private static final List<String> BAD_VALUES =
      List.of(
          "\"a\\u0000b\"",
          "\"\\udfff\"",
          "1e999",
          "-1e999",
          "99999999999999999999999999999999",
          nested(80),
          "[" + nested(70) + "]",
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
          "webhook_url",
          "workflow_id",
          "parameters",
          "command",
          "event",
          "scenario");

  /** The server under test. */
  public interface Target {
    /**
     * Sends a request; null when the client could not build it (nothing reached the server).
     *
     * @throws Exception when no answer came (the fuzz sends it once more)
     */
    @Nullable Answer send(String method, String path, @Nullable String body) throws Exception;

    /** What the fuzz must not change, read after every request: counts of what is stored. */
    String fingerprint();
  }

  public record Answer(int status, String body) {}

  /**
   * How many requests were sent, how many of them twice (no answer the first time), and each that
   * answered 5xx, never answered or changed the fingerprint.
   */
  public record Report(int sent, int resent, List<String> failures) {}

  private final JsonNode spec;
  private final String endpointPath;
  private final Random random;
  private final int perRoute;

  /**
   * @param endpointPath a blueprint's create path ({@code /api/{endpoint}} in the document), where
   *     any JSON object is initial data, so only bodies that are no JSON object are malformed
   * @param perRoute at most this many bodies (and query strings) per route and method, picked by
   *     the seed from the whole table; 0 for the whole table. Every route still gets every bad path
   *     parameter, a trailing slash and every wrong method.
   */
  public RouteFuzz(JsonNode spec, String endpointPath, long seed, int perRoute) {
    this.spec = spec;
    this.endpointPath = endpointPath;
    this.random = new Random(seed);
    this.perRoute = perRoute;
  }

  /** The whole table on every route. */
  public RouteFuzz(JsonNode spec, String endpointPath, long seed) {
    this(spec, endpointPath, seed, 0);
  }

  /** The depth-{@code depth} JSON object {@code {"a":{"a":...{}}}}. */
  public static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  public static JsonNode spec(InputStream yaml) {
    return YAMLMapper.builder().build().readTree(yaml);
  }

  /** Every path template of the document. */
  public List<String> templates() {
    List<String> out = new ArrayList<>();
    spec.path("paths").propertyNames().forEach(out::add);
    return out;
  }

  public Report run(Target target) {
    Run run = new Run(target);
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
          run.send(method, path, "{}"); // a wrong method
          continue;
        }
        JsonNode op = item.path(method.toLowerCase(Locale.ROOT));
        for (String variant : paths(template)) {
          if (!variant.equals(EVENTS)) {
            run.send(method, variant, null); // each bad path parameter
          }
        }
        run.send(method, path + "/", null); // a trailing slash
        if (template.equals(EVENTS)) {
          continue; // see EVENTS
        }
        if (method.equals("GET") || method.equals("DELETE")) {
          List<String> queries = new ArrayList<>();
          for (String name : queryNames(item, op)) {
            for (String value : QUERY_VALUES) {
              queries.add(path + "?" + name + "=" + value);
            }
          }
          sample(queries).forEach(query -> run.send(method, query, null));
        } else if (template.contains("{endpoint}")) {
          sample(BAD_BODIES).forEach(body -> run.send(method, endpointPath, body));
        } else {
          List<String> bodies = new ArrayList<>(BAD_BODIES);
          bodies.addAll(wrongTypedBodies(op));
          sample(bodies).forEach(body -> run.send(method, path, body));
        }
      }
    }
    return new Report(run.sent, run.resent, List.copyOf(run.failures));
  }

  /** One pass: the requests sent, and what went wrong. */
  private static final class Run {
    final Target target;
    final List<String> failures = new ArrayList<>();
    int sent;
    int resent;
    String before;

    Run(Target target) {
      this.target = target;
      this.before = target.fingerprint();
    }

    void send(String method, String path, @Nullable String body) {
      sent++;
      String shown = body == null ? "" : body.substring(0, Math.min(80, body.length()));
      Answer r;
      try {
        r = target.send(method, path, body);
      } catch (Exception first) {
        // The client may have written on a kept-alive connection the server was closing (it
        // retries only GETs itself): once more, and no answer twice is a failure.
        resent++;
        try {
          r = target.send(method, path, body);
        } catch (Exception e) {
          failures.add(method + " " + path + " " + shown + " -> no answer: " + e);
          return;
        }
      }
      if (r == null) {
        return;
      }
      if (r.status() >= 500) {
        failures.add(method + " " + path + " " + shown + " -> " + r.status() + " " + r.body());
      }
      String now = target.fingerprint();
      if (!now.equals(before)) {
        failures.add(
            method
                + " "
                + path
                + " "
                + shown
                + " -> "
                + r.status()
                + " changed "
                + before
                + " to "
                + now);
        before = now;
      }
    }
  }

  private List<String> sample(List<String> all) {
    if (perRoute == 0 || all.size() <= perRoute) {
      return all;
    }
    List<String> shuffled = new ArrayList<>(all);
    java.util.Collections.shuffle(shuffled, random);
    return shuffled.subList(0, perRoute);
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
  private List<String> wrongTypedBodies(JsonNode op) {
    JsonNode schema =
        op.path("requestBody").path("content").path("application/json").path("schema");
    Set<String> documented = new LinkedHashSet<>();
    resolve(schema).path("properties").propertyNames().forEach(documented::add);
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

  private JsonNode resolve(JsonNode schema) {
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
}
