package dev.baton.console.internal;

import dev.baton.console.BlueprintShelf;
import dev.baton.console.view.BlueprintTree;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.engine.Engine;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.server.ClientJobs;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Blueprints panel ({@code GET /console/blueprints}): the stored blueprints filed as a tree by
 * folder, each with its tags, its latest published version, how many versions it has and how many
 * of its jobs have not ended; {@code ?tag=} keeps those whose newest version carries the tag. A
 * blueprint's own page is {@link BlueprintPage}, its actions {@link BlueprintDrafts} and {@link
 * BlueprintActions}. Anyone may look (as the API's reads of blueprints); a client counts only its
 * own jobs.
 */
final class BlueprintPages {
  static final String TITLE = "Blueprints";
  static final String ACTIVE = "blueprints";

  /** The statuses of a job that has not ended: those a blueprint's running count adds up. */
  private static final List<JobStatus> UNFINISHED =
      java.util.Arrays.stream(JobStatus.values()).filter(s -> !s.isTerminal()).toList();

  private final Engine engine;
  private final BlueprintShelf shelf;
  private final Access access;
  private final Pages pages;

  BlueprintPages(Engine engine, BlueprintShelf shelf, Access access, Pages pages) {
    this.engine = engine;
    this.shelf = shelf;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/blueprints", this::tree);
  }

  private void tree(Context ctx) {
    access.viewer(ctx, Role.CLIENT, TITLE, ACTIVE).ifPresent(s -> show(ctx, s, 200, List.of(), ""));
  }

  /** The tree; {@code problems} and {@code draft}: a push from this page that was refused. */
  void show(Context ctx, Session s, int status, List<String> problems, String draft) {
    String raw = ctx.queryParam("tag");
    String tag = raw == null ? "" : raw.strip();
    Map<String, List<Definition>> byName = new TreeMap<>();
    for (Definition d : shelf.blueprints(DefinitionQuery.ALL)) {
      byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
    }
    TreeSet<String> tags = new TreeSet<>();
    Map<String, List<BlueprintTree.Row>> byFolder = new LinkedHashMap<>();
    int count = 0;
    for (List<Definition> versions : byName.values()) {
      Definition newest = versions.getLast(); // the store lists them oldest first
      tags.addAll(newest.tags());
      if (!tag.isEmpty() && !newest.tags().contains(tag)) {
        continue;
      }
      BlueprintTree.Row row =
          new BlueprintTree.Row(
              newest.name(),
              newest.title(),
              newest.tags(),
              published(versions),
              newest.version(),
              newest.status().wireName(),
              versions.size(),
              running(s, newest.name()));
      byFolder.computeIfAbsent(newest.folder(), k -> new ArrayList<>()).add(row);
      count++;
    }
    BlueprintTree tree =
        new BlueprintTree(
            BlueprintViews.tree(byFolder),
            tag,
            List.copyOf(tags),
            count,
            s.client().role().allows(Role.OPERATOR),
            problems,
            draft);
    pages.send(
        ctx,
        status,
        "blueprints.jte",
        Map.of("frame", access.frame(s, TITLE, ACTIVE), "tree", tree));
  }

  /** The highest published version, or 0. */
  static int published(List<Definition> versions) {
    return versions.stream()
        .filter(d -> d.status() == DefinitionStatus.PUBLISHED)
        .mapToInt(Definition::version)
        .max()
        .orElse(0);
  }

  /**
   * The blueprint's jobs that have not ended (of every version), as the viewer may see them: one
   * count per unfinished status through the store's status and blueprint indexes, the jobs
   * themselves not read.
   */
  long running(Session s, String blueprint) {
    long n = 0;
    for (JobStatus status : UNFINISHED) {
      n += ClientJobs.page(engine, s.client(), new JobQuery(status, blueprint, 1, 0)).total();
    }
    return n;
  }
}
