package dev.baton.fleet.web;

import dev.baton.fleet.Deployments;
import dev.baton.fleet.Fleet;
import dev.baton.robot.Deployment;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CasareRPA's WorkflowDistributor over HTTP: deploy and undeploy a stored workflow's version to
 * robots named or by tag, and each robot's deployment status, per workflow or per robot. Part of
 * the fleet's route set.
 */
final class DeploymentRoutes {
  static final String WORKFLOWS = "/api/v1/workflows";
  private static final Set<String> FIELDS = Set.of("robot_ids", "robot_tag", "version");

  private final Fleet fleet;
  private final Requests requests;

  DeploymentRoutes(Fleet fleet, Requests requests) {
    this.fleet = fleet;
    this.requests = requests;
  }

  void register(RoutesConfig routes) {
    routes.post(WORKFLOWS + "/{id}/deploy", this::deploy);
    routes.post(WORKFLOWS + "/{id}/undeploy", this::undeploy);
    routes.get(WORKFLOWS + "/{id}/deployments", this::ofWorkflow);
    routes.get("/api/v1/robots/{id}/deployments", this::toRobot);
  }

  private void deploy(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(FIELDS);
    Integer version = body.integer("version", 1, Integer.MAX_VALUE);
    List<Deployment> made = fleet.deployments().deploy(ctx.pathParam("id"), version, target(body));
    ctx.status(202).json(made.stream().map(DeploymentRoutes::view).toList());
  }

  private void undeploy(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(Set.of("robot_ids", "robot_tag"));
    String workflow = ctx.pathParam("id");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workflow_id", workflow);
    out.put("undeployed", fleet.deployments().undeploy(workflow, target(body)));
    ctx.json(out);
  }

  private void ofWorkflow(Context ctx) {
    ctx.json(
        fleet.deployments().of(ctx.pathParam("id")).stream().map(DeploymentRoutes::view).toList());
  }

  private void toRobot(Context ctx) {
    String id = ctx.pathParam("id");
    if (fleet.robot(id).isEmpty()) {
      throw ApiError.notFound("Robot not found: " + id);
    }
    ctx.json(fleet.deployments().to(id).stream().map(DeploymentRoutes::view).toList());
  }

  private static Deployments.Target target(JsonBody body) {
    List<String> ids = new ArrayList<>();
    @Nullable Object raw = body.raw("robot_ids");
    if (raw != null) {
      if (!(raw instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
        throw ApiError.badRequest("field 'robot_ids' must be an array of robot ids");
      }
      list.forEach(x -> ids.add((String) x));
    }
    return new Deployments.Target(ids, body.string("robot_tag"));
  }

  static Map<String, @Nullable Object> view(Deployment d) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("workflow_id", d.workflowId());
    m.put("version", d.version());
    m.put("robot_id", d.robotId());
    m.put("status", d.status().wireName());
    m.put("reason", d.reason());
    m.put("requested_at", d.requestedAt().toString());
    m.put("updated_at", d.updatedAt().toString());
    return m;
  }
}
