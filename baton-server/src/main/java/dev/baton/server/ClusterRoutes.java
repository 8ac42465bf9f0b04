package dev.baton.server;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Leadership;
import dev.baton.cluster.Member;
import dev.baton.cluster.Node;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/cluster}: the nodes sharing the database, their last heartbeat, version and
 * roles, and who leads each singleton duty. A node is alive while its last heartbeat is younger
 * than one lease.
 */
public final class ClusterRoutes implements RouteSet {
  private final Leadership leadership;
  private final Clock clock;

  public ClusterRoutes(Leadership leadership, Clock clock) {
    this.leadership = leadership;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/cluster", this::cluster);
  }

  private void cluster(Context ctx) {
    Instant now = clock.instant();
    List<Lead> leads = leadership.leads();
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Member member : leadership.members(leads, now)) {
      Node n = member.node();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.id());
      m.put("version", n.version());
      m.put("started_at", n.startedAt().toString());
      m.put("last_heartbeat", n.beatAt().toString());
      m.put("alive", member.alive());
      m.put("this_node", n.id().equals(leadership.node()));
      m.put("roles", member.leads().stream().map(duty -> "leader:" + duty).toList());
      nodes.add(m);
    }
    List<Map<String, @Nullable Object>> duties = new ArrayList<>();
    for (Lead l : leads) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("duty", l.duty());
      boolean held = l.holdsAt(now);
      m.put("leader", held ? l.node() : null);
      m.put("term", l.term());
      m.put("lease_until", held ? l.until().toString() : null);
      duties.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("node", leadership.node());
    out.put("lease_seconds", leadership.ttl().toSeconds());
    out.put("nodes", nodes);
    out.put("duties", duties);
    ctx.json(out);
  }
}
