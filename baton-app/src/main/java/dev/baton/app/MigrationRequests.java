package dev.baton.app;

import dev.baton.engine.JobMigration;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.JsonBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bodies of the check and migrate routes, parsed once into typed values. */
final class MigrationRequests {
  /** More ids than this in one request are refused: page them. */
  static final int MAX_JOB_IDS = 10_000;

  private static final Set<String> MIGRATE_FIELDS =
      Set.of("from", "to", "states", "job_ids", "mapping", "redispatch", "dry_run");

  private MigrationRequests() {}

  static JobMigration.Request migration(String blueprint, JsonBody body) {
    body.onlyFields(MIGRATE_FIELDS);
    int from = VersionRoutes.version(body, "from", true);
    int to = VersionRoutes.version(body, "to", true);
    List<String> states = strings(body, "states", 1_000);
    List<String> ids = strings(body, "job_ids", MAX_JOB_IDS);
    return new JobMigration.Request(
        blueprint,
        from,
        to,
        new LinkedHashSet<>(states),
        ids,
        mapping(body),
        flag(body, "redispatch"),
        flag(body, "dry_run"));
  }

  /** {@code mapping}: an object of state names, {@code old_state: new_state}. */
  static Map<String, String> mapping(JsonBody body) {
    JsonBody m = body.object("mapping");
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : m.fields().keySet()) {
      if (key.isBlank()) {
        throw ApiError.badRequest("field 'mapping' has an empty state name");
      }
      out.put(key, m.requiredString(key));
    }
    return out;
  }

  private static List<String> strings(JsonBody body, String field, int max) {
    Object v = body.raw(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw ApiError.badRequest("field '" + field + "' must be an array of strings");
    }
    if (list.size() > max) {
      throw ApiError.badRequest(
          "field '" + field + "' has " + list.size() + " entries; at most " + max + " are allowed");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s) || s.isBlank()) {
        throw ApiError.badRequest("field '" + field + "[" + i + "]' must be a non-empty string");
      }
      out.add(s);
    }
    return out;
  }

  private static boolean flag(JsonBody body, String field) {
    Object v = body.raw(field);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw ApiError.badRequest("field '" + field + "' must be true or false");
  }
}
