package dev.baton.fleet.web;

import dev.baton.server.route.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a stored workflow's content (its JSON) asks of the fleet. */
public final class WorkflowFlags {
  private WorkflowFlags() {}

  /**
   * Whether the content says {@code "deployed_only": true} at its top: its jobs go only to robots
   * that have its version deployed. Content that is not a JSON object asks nothing.
   */
  public static boolean deployedOnly(String json) {
    try {
      Map<String, Object> content =
          Json.asObject(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
      return content != null && Boolean.TRUE.equals(content.get("deployed_only"));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
