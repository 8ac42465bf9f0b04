package dev.baton.console.internal;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Leadership;
import dev.baton.cluster.Member;
import dev.baton.cluster.Node;
import dev.baton.console.view.Cluster;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /console/cluster}: the nodes sharing the store (version, start, last heartbeat, alive)
 * and who leads each duty, read from the store on each request as {@code GET /api/v1/cluster} does.
 * Heartbeats are not events, so the panel refreshes itself every few seconds rather than on the
 * event stream.
 */
final class ClusterPages {
  private final @Nullable Leadership leadership;
  private final Clock clock;
  private final Access access;
  private final Pages pages;

  ClusterPages(@Nullable Leadership leadership, Clock clock, Access access, Pages pages) {
    this.leadership = leadership;
    this.clock = clock;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/cluster", this::page);
  }

  private void page(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, "Cluster", "cluster")
        .ifPresent(s ->
            pages.send(
                ctx,
                200,
                "cluster.jte",
                Map.of("frame", access.frame(s, "Cluster", "cluster"), "cluster", cluster())));
  }

  private Cluster cluster() {
    Instant now = clock.instant();
    Leadership l = leadership;
    if (l == null) {
      return new Cluster("", 0, List.of(), List.of(), Show.time(now));
    }
    List<Lead> leads = l.leads();
    List<Cluster.NodeRow> nodes = new ArrayList<>();
    for (Member member : l.members(leads, now)) {
      Node n = member.node();
      Duration ago = Duration.between(n.beatAt(), now);
      nodes.add(
          new Cluster.NodeRow(
              n.id(),
              n.version(),
              Show.time(n.startedAt()),
              Show.time(n.beatAt()),
              ago.isNegative() ? "0 ms" : Show.duration(ago),
              member.alive(),
              n.id().equals(l.node()),
              member.leads()));
    }
    List<Cluster.DutyRow> duties = new ArrayList<>();
    for (Lead d : leads) {
      boolean held = d.holdsAt(now);
      duties.add(
          new Cluster.DutyRow(
              d.duty(), held ? d.node() : "", d.term(), held ? Show.time(d.until()) : ""));
    }
    return new Cluster(l.node(), l.ttl().toSeconds(), nodes, duties, Show.time(now));
  }
}
