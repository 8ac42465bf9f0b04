package dev.baton.console.internal;

import dev.baton.console.view.JobDetail;
import dev.baton.console.view.JobList;
import dev.baton.console.view.JobRow;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.job.Wait;
import dev.baton.ledger.LedgerQuery;
import dev.baton.server.ClientJobs;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The jobs table ({@code GET /console/jobs}, filtered by status and blueprint, paged on the
 * server), a job's page ({@code GET /console/jobs/{id}}) and its actions: cancel, and a decision
 * for a job that waits for a person. A client with the {@code client} role sees and acts on only
 * the jobs it created; any other job answers 404, as the API does.
 */
final class JobPages {
  static final int PAGE = 50;

  private final Engine engine;
  private final Access access;
  private final Pages pages;
  private final Figures figures;
  private final Audit audit;

  JobPages(Engine engine, Access access, Pages pages, Figures figures, Audit audit) {
    this.engine = engine;
    this.access = access;
    this.pages = pages;
    this.figures = figures;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/jobs", this::list);
    routes.get("/console/jobs/{id}", this::detail);
    routes.post("/console/jobs/{id}/cancel", this::cancel);
    routes.post("/console/jobs/{id}/decision", this::decide);
  }

  private void list(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.CLIENT, "Jobs", "jobs");
    if (viewer.isEmpty()) {
      return;
    }
    Session s = viewer.get();
    List<String> statuses = new ArrayList<>();
    for (JobStatus st : JobStatus.values()) {
      statuses.add(st.wireName());
    }
    TreeSet<String> blueprints = new TreeSet<>();
    engine.blueprints().forEach(b -> blueprints.add(b.name()));
    String status = choice(ctx.queryParam("status"), statuses);
    String blueprint = choice(ctx.queryParam("blueprint"), List.copyOf(blueprints));
    int page = pageNumber(ctx.queryParam("page"));
    JobQuery q =
        new JobQuery(
            status.isEmpty() ? null : JobStatus.fromWire(status),
            blueprint.isEmpty() ? null : blueprint,
            PAGE,
            (page - 1) * PAGE);
    Page<Job> jobs = ClientJobs.page(engine, s.client(), q);
    long pages = Math.max(1, (jobs.total() + PAGE - 1) / PAGE);
    List<JobRow> rows = jobs.items().stream().map(JobPages::row).toList();
    JobList list =
        new JobList(
            rows,
            status,
            blueprint,
            statuses,
            List.copyOf(blueprints),
            jobs.total(),
            page,
            pages,
            page > 1 ? query(status, blueprint, page - 1) : "",
            page < pages ? query(status, blueprint, page + 1) : "");
    this.pages.send(
        ctx, 200, "jobs.jte", Map.of("frame", access.frame(s, "Jobs", "jobs"), "list", list));
  }

  private void detail(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.CLIENT, "Job", "jobs");
    if (viewer.isEmpty()) {
      return;
    }
    show(ctx, viewer.get(), ctx.pathParam("id"), 200, done(ctx.queryParam("done")));
  }

  private void show(Context ctx, Session s, String id, int status, String notice) {
    Optional<Job> job = visible(s, id);
    if (job.isEmpty()) {
      access.refuse(ctx, access.frame(s, "Job not found", "jobs"), 404, "Job not found: " + id);
      return;
    }
    Job j = job.get();
    List<JobDetail.Step> history = new ArrayList<>();
    for (JobTransition t : engine.history(id)) {
      history.add(
          new JobDetail.Step(
              Show.time(t.at()),
              t.fromState() == null ? "" : t.fromState(),
              t.toState(),
              t.toStatus().wireName(),
              t.reason()));
    }
    List<JobDetail.TaskRow> tasks = new ArrayList<>();
    for (Task t : engine.tasks(id)) {
      tasks.add(
          new JobDetail.TaskRow(
              t.id(),
              t.type(),
              t.status().wireName(),
              t.attempt(),
              t.workerId() == null ? "" : t.workerId(),
              Show.time(t.createdAt())));
    }
    List<String> decisions =
        j.awaiting() instanceof Wait.OnHuman human
            ? List.copyOf(new TreeSet<>(human.transitions().keySet()))
            : List.of();
    JobDetail detail =
        new JobDetail(
            row(j),
            waitingFor(j.awaiting()),
            history,
            tasks,
            figures.activity(LedgerQuery.oldest(200).jobId(id)),
            !j.status().isTerminal(),
            decisions,
            notice);
    pages.send(
        ctx,
        status,
        "job.jte",
        Map.of("frame", access.frame(s, "Job " + id, "jobs"), "detail", detail));
  }

  /**
   * What a page says after an action: the action redirects to the job's page with {@code
   * ?done=<verb>} (post, redirect, get: a reload does not do it again).
   */
  private static final Map<String, String> DONE =
      Map.of("cancel", "Cancelled.", "decide", "Decision taken.");

  private static String done(@Nullable String verb) {
    return verb == null ? "" : DONE.getOrDefault(verb, "");
  }

  private void cancel(Context ctx) {
    act(ctx, "cancel", (s, id) -> engine.cancel(id));
  }

  private void decide(Context ctx) {
    String decision = ctx.formParam("decision");
    act(ctx, "decide", (s, id) -> engine.decide(id, decision == null ? "" : decision));
  }

  private interface Action {
    Job apply(Session s, String jobId);
  }

  private void act(Context ctx, String verb, Action action) {
    Optional<Session> changer = access.changer(ctx, Role.CLIENT, "Job", "jobs");
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String id = ctx.pathParam("id");
    if (visible(s, id).isEmpty()) {
      access.refuse(ctx, access.frame(s, "Job not found", "jobs"), 404, "Job not found: " + id);
      return;
    }
    try {
      action.apply(s, id);
    } catch (BatonException e) {
      show(ctx, s, id, 409, "Not done: " + e.getMessage());
      return;
    }
    audit.record(verb, s, id, Map.of());
    ctx.redirect(
        "/console/jobs/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?done=" + verb,
        HttpStatus.SEE_OTHER);
  }

  /** The job, if the viewer may see it (a client only its own). */
  private Optional<Job> visible(Session s, String id) {
    return engine.job(id).filter(j -> ClientJobs.sees(s.client(), j));
  }

  static JobRow row(Job j) {
    JobClient c = j.attributes().client();
    return new JobRow(
        j.id(),
        j.blueprint(),
        j.status().wireName(),
        j.state(),
        Show.time(j.createdAt()),
        Show.time(j.updatedAt()),
        c == null ? null : c.name(),
        j.errorMessage());
  }

  private static String waitingFor(@Nullable Wait w) {
    return switch (w) {
      case null -> "";
      case Wait.OnTask t -> "task " + t.spec().type() + " (attempt " + t.attempt() + ")";
      case Wait.OnBranches b -> b.pending().size() + " parallel task(s)";
      case Wait.OnHuman h -> "a person: " + h.message();
      case Wait.OnSubJob sj -> "sub-job " + sj.childJobId();
    };
  }

  /** The value when it is one of {@code allowed}, else empty (no filter). */
  private static String choice(@Nullable String raw, List<String> allowed) {
    return raw != null && allowed.contains(raw) ? raw : "";
  }

  private static int pageNumber(@Nullable String raw) {
    if (raw == null
        || raw.isEmpty()
        || raw.length() > 6
        || !raw.chars().allMatch(Character::isDigit)) {
      return 1;
    }
    return Math.max(1, Integer.parseInt(raw));
  }

  private static String query(String status, String blueprint, int page) {
    return "status="
        + URLEncoder.encode(status, StandardCharsets.UTF_8)
        + "&blueprint="
        + URLEncoder.encode(blueprint, StandardCharsets.UTF_8)
        + "&page="
        + page;
  }
}
