package dev.baton.console.internal;

import dev.baton.blueprint.Compatibility;
import dev.baton.console.BlueprintShelf;
import dev.baton.console.view.BlueprintDetail;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stored blueprint's page ({@code GET /console/blueprints/{name}}): its versions, the chosen
 * one's ({@code ?version=}, the newest by default) content and state graph, the diff of two
 * versions ({@code ?from=&to=}, the one before the chosen and the chosen by default) and, for an
 * operator (the API's check is theirs), whether the jobs running on another version ({@code
 * ?against=}, the latest published by default) could move to the chosen one as they are.
 */
final class BlueprintPage {
  private final BlueprintShelf shelf;
  private final BlueprintPages tree;
  private final Access access;
  private final Pages pages;

  /**
   * What an action leaves on the page when it answers with it instead of redirecting.
   *
   * @param draft the push editor's text as sent, or null for the chosen version's content
   * @param refused the check that refused a publish, shown in place of the asked one
   * @param moves what a migration did to each job, one line each
   */
  record Outcome(
      String notice,
      List<String> problems,
      @Nullable String draft,
      Compatibility.@Nullable Report refused,
      List<String> moves) {
    static final Outcome NONE = new Outcome("", List.of(), null, null, List.of());

    static Outcome notice(String notice) {
      return new Outcome(notice, List.of(), null, null, List.of());
    }
  }

  BlueprintPage(BlueprintShelf shelf, BlueprintPages tree, Access access, Pages pages) {
    this.shelf = shelf;
    this.tree = tree;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/blueprints/{name}", this::page);
  }

  private void page(Context ctx) {
    access
        .viewer(ctx, Role.CLIENT, BlueprintPages.TITLE, BlueprintPages.ACTIVE)
        .ifPresent(s -> {
          Integer chosen = number(ctx.queryParam("version"));
          show(ctx, s, ctx.pathParam("name"), chosen, 200, Outcome.notice(done(ctx)));
        });
  }

  /** The stored versions of a blueprint, oldest first; empty for a name that is none. */
  List<Definition> versions(String name) {
    try {
      return shelf.blueprints(DefinitionQuery.ALL.name(name));
    } catch (BatonException e) {
      return List.of(); // a name the store refuses is no stored blueprint
    }
  }

  void show(
      Context ctx, Session s, String name, @Nullable Integer chosenVersion, int status, Outcome o) {
    List<Definition> versions = versions(name);
    Optional<Definition> found =
        chosenVersion == null
            ? Optional.ofNullable(versions.isEmpty() ? null : versions.getLast())
            : versions.stream().filter(d -> d.version() == chosenVersion).findFirst();
    if (found.isEmpty()) {
      String what =
          "No stored blueprint '"
              + name
              + "'"
              + (versions.isEmpty() ? "" : " version " + chosenVersion);
      access.refuse(
          ctx, access.frame(s, BlueprintPages.TITLE, BlueprintPages.ACTIVE), 404, what + ".");
      return;
    }
    Definition chosen = found.get();
    BlueprintShelf.Reading reading = shelf.read(chosen.content());
    int published = BlueprintPages.published(versions);
    boolean operator = s.client().role().allows(Role.OPERATOR);
    Definition newest = versions.getLast();
    BlueprintDetail detail =
        new BlueprintDetail(
            name,
            newest.title(),
            newest.description(),
            newest.folder(),
            newest.tags(),
            published,
            tree.running(s, name),
            versions.stream().map(d -> BlueprintViews.version(d, chosen.version())).toList(),
            BlueprintViews.version(chosen, chosen.version()),
            chosen.content().text(),
            reading.blueprint() == null ? null : GraphLayout.of(reading.blueprint()),
            reading.problems(),
            diff(ctx, versions, chosen),
            o.refused() != null
                ? BlueprintViews.check(o.refused())
                : operator ? check(ctx, versions, chosen, published) : null,
            operator,
            o.notice(),
            o.problems(),
            o.draft() == null ? chosen.content().text() : o.draft(),
            o.moves());
    pages.send(
        ctx,
        status,
        "blueprint.jte",
        Map.of(
            "frame",
            access.frame(s, "Blueprint " + name, BlueprintPages.ACTIVE),
            "detail",
            detail));
  }

  /** The asked diff, or the chosen version's change from the one before it. */
  private BlueprintDetail.@Nullable Diff diff(
      Context ctx, List<Definition> versions, Definition chosen) {
    if (versions.size() < 2) {
      return null;
    }
    int previous =
        chosen.version() == versions.getFirst().version()
            ? versions.get(1).version()
            : chosen.version() - 1;
    Definition from = of(versions, number(ctx.queryParam("from")), previous);
    Definition to = of(versions, number(ctx.queryParam("to")), chosen.version());
    if (from == null || to == null) {
      return null;
    }
    return BlueprintViews.diff(from.version(), to.version(), shelf.diff(from, to));
  }

  /**
   * The asked check, or the chosen version against the latest published; null when they are one.
   */
  private BlueprintDetail.@Nullable Check check(
      Context ctx, List<Definition> versions, Definition chosen, int published) {
    // The version new jobs start on, or, when that is the chosen one, the one they started on
    // before.
    int fallback =
        published != chosen.version()
            ? published
            : versions.stream()
                .filter(d -> d.version() < chosen.version())
                .filter(d -> d.status() != DefinitionStatus.DRAFT)
                .mapToInt(Definition::version)
                .max()
                .orElse(0);
    Definition against = of(versions, number(ctx.queryParam("against")), fallback);
    if (against == null || against.version() == chosen.version()) {
      return null;
    }
    try {
      return BlueprintViews.check(shelf.check(against, chosen));
    } catch (BatonException e) {
      return BlueprintViews.refusedCheck(
          against.version(), chosen.version(), String.valueOf(e.getMessage()));
    }
  }

  private static @Nullable Definition of(
      List<Definition> versions, @Nullable Integer asked, int fallback) {
    int v = asked == null ? fallback : asked;
    return versions.stream().filter(d -> d.version() == v).findFirst().orElse(null);
  }

  static @Nullable Integer number(@Nullable String raw) {
    if (raw == null
        || raw.isBlank()
        || raw.strip().length() > 9
        || !raw.strip().chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(raw.strip());
  }

  /** What the page says after an action redirected to it ({@code ?done=<verb>}). */
  private static String done(Context ctx) {
    String verb = ctx.queryParam("done");
    return switch (verb == null ? "" : verb) {
      case "pushed" -> "Stored as a draft: publish it to start new jobs on it.";
      case "unchanged" -> "The same content as the newest version: nothing new was stored.";
      case "published" -> "Published: new jobs start on this version; running jobs stay on theirs.";
      case "archived" -> "Archived: no new job starts on this version; running jobs finish on it.";
      default -> "";
    };
  }
}
