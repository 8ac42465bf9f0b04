package dev.baton.console.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.console.view.JobDetail;
import dev.baton.console.view.JobList;
import dev.baton.console.view.JobRow;
import dev.baton.console.view.StateGraph;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The jobs table ({@code GET /console/jobs}, filtered as {@link JobFilter} reads, paged on the
 * server), a job's page ({@code GET /console/jobs/{id}}) and its actions: cancel, a decision for a
 * job that waits for a person, and resume from the failed step with edited data. A client with the
 * {@code client} role sees and acts on only the jobs it created; any other job answers 404, as the
 * API does.
 */
final class JobPages {
  static final int PAGE = 50;

  private final Engine engine;
  private final Access access;
  private final Pages pages;
  private final Figures figures;
  private final Audit audit;
  private final JobWork work;

  JobPages(Engine engine, Access access, Pages pages, Figures figures, Audit audit, JobWork work) {
    this.engine = engine;
    this.work = work;
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
    routes.post("/console/jobs/{id}/resume", this::resume);
  }

  private void list(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.CLIENT, "Jobs", "jobs");
    if (viewer.isEmpty()) {
      return;
    }
    Session s = viewer.get();
    JobFilter filter = JobFilter.parse(ctx);
    List<String> statuses = new ArrayList<>();
    for (JobStatus st : JobStatus.values()) {
      statuses.add(st.wireName());
    }
    TreeSet<String> blueprints = new TreeSet<>();
    engine.blueprints().forEach(b -> blueprints.add(b.name()));
    if (!filter.value("blueprint").isEmpty()) {
      blueprints.add(filter.value("blueprint")); // a retired blueprint's jobs are still stored
    }
    JobQuery query = filter.query(PAGE);
    Page<Job> jobs =
        filter.errors().isEmpty()
            ? ClientJobs.page(engine, s.client(), query)
            : new Page<>(List.of(), 0);
    int page = filter.page();
    // A total at the count's cap means "more": the number of pages is not known (0), and a next
    // page exists (the cap reaches one past this page).
    boolean capped = jobs.total() >= query.countLimit();
    long pages = capped ? 0 : Math.max(1, (jobs.total() + PAGE - 1) / PAGE);
    List<JobRow> rows = jobs.items().stream().map(JobPages::row).toList();
    JobList list =
        new JobList(
            rows,
            filter.value("status"),
            filter.value("blueprint"),
            filter.value("client"),
            filter.value("from"),
            filter.value("to"),
            filter.value("text"),
            statuses,
            List.copyOf(blueprints),
            filter.errors(),
            capped ? query.countLimit() - 1 : jobs.total(),
            page,
            pages,
            page > 1 ? filter.queryString(page - 1) : "",
            capped || page < pages ? filter.queryString(page + 1) : "");
    this.pages.send(
        ctx,
        filter.errors().isEmpty() ? 200 : 400,
        "jobs.jte",
        Map.of("frame", access.frame(s, "Jobs", "jobs"), "list", list));
  }

  private void detail(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.CLIENT, "Job", "jobs");
    if (viewer.isEmpty()) {
      return;
    }
    show(ctx, viewer.get(), ctx.pathParam("id"), 200, done(ctx.queryParam("done")), null);
  }

  /** The editor's texts as sent, shown again when they were refused. */
  private record Edit(String data, String input) {}

  private void show(
      Context ctx, Session s, String id, int status, String notice, @Nullable Edit edit) {
    Optional<Job> job = visible(s, id);
    if (job.isEmpty()) {
      access.refuse(ctx, access.frame(s, "Job not found", "jobs"), 404, "Job not found: " + id);
      return;
    }
    Job j = job.get();
    List<JobDetail.Step> history = new ArrayList<>();
    List<JobTransition> transitions = engine.history(id);
    for (JobTransition t : transitions) {
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
            j.status().isResumable() && j.failedState() != null,
            edit == null ? JsonEdit.show(j.data()) : edit.data(),
            edit == null ? JsonEdit.show(j.initialData()) : edit.input(),
            notice,
            graph(j, transitions),
            work.of(id));
    pages.send(
        ctx,
        status,
        "job.jte",
        Map.of("frame", access.frame(s, "Job " + id, "jobs"), "detail", detail));
  }

  /**
   * The job's blueprint at the version it runs on, drawn as the Blueprints panel draws it, with the
   * states it passed through, the one it is in and the transitions it made marked; null when that
   * version is found neither here nor in the store.
   */
  private @Nullable StateGraph graph(Job j, List<JobTransition> transitions) {
    Optional<Blueprint> b = engine.blueprint(j.blueprint(), j.blueprintVersion());
    if (b.isEmpty()) {
      return null;
    }
    Set<String> visited = new HashSet<>();
    Set<StateGraph.Step> steps = new HashSet<>();
    for (JobTransition t : transitions) {
      visited.add(t.toState());
      if (t.fromState() != null) {
        visited.add(t.fromState());
        steps.add(new StateGraph.Step(t.fromState(), t.toState()));
      }
    }
    visited.add(j.state());
    return GraphLayout.of(b.get()).along(visited, j.state(), steps);
  }

  /**
   * What a page says after an action: the action redirects to the job's page with {@code
   * ?done=<verb>} (post, redirect, get: a reload does not do it again).
   */
  private static final Map<String, String> DONE =
      Map.of(
          "cancel",
          "Cancelled.",
          "decide",
          "Decision taken.",
          "resume",
          "Resumed from the failed step.");

  private static String done(@Nullable String verb) {
    return verb == null ? "" : DONE.getOrDefault(verb, "");
  }

  private void cancel(Context ctx) {
    act(
        ctx,
        "cancel",
        (s, id) -> {
          engine.cancel(id);
          return true;
        });
  }

  private void decide(Context ctx) {
    String decision = ctx.formParam("decision");
    act(
        ctx,
        "decide",
        (s, id) -> {
          engine.decide(id, decision == null ? "" : decision);
          return true;
        });
  }

  /**
   * Resumes a failed or quarantined job from its failed step, with the editor's objects merged into
   * its data and initial data (a key sent replaces the stored one; a key left out is kept). A text
   * that is not a JSON object is refused with the place of the error, and shown again to mend.
   */
  private void resume(Context ctx) {
    String dataText = ctx.formParam("data");
    String inputText = ctx.formParam("initial_data");
    act(
        ctx,
        "resume",
        (s, id) -> {
          Map<String, Object> data;
          Map<String, Object> input;
          try {
            data = JsonEdit.parse("data", dataText);
            input = JsonEdit.parse("initial data", inputText);
          } catch (JsonEdit.Refused e) {
            show(
                ctx,
                s,
                id,
                400,
                "Not resumed: " + e.getMessage(),
                new Edit(dataText == null ? "" : dataText, inputText == null ? "" : inputText));
            return false;
          }
          engine.resume(id, data, input);
          return true;
        });
  }

  private interface Action {
    /** Does it; false when it answered the request itself, having changed nothing. */
    boolean apply(Session s, String jobId);
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
      if (!action.apply(s, id)) {
        return;
      }
    } catch (BatonException e) {
      show(ctx, s, id, 409, "Not done: " + e.getMessage(), null);
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
}
