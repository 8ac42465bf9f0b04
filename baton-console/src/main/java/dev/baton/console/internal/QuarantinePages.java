package dev.baton.console.internal;

import dev.baton.console.view.JobRow;
import dev.baton.console.view.Quarantine;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.Page;
import dev.baton.server.ClientJobs;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The quarantine lane ({@code GET /console/quarantine}): quarantined jobs grouped by error message,
 * and {@code POST /console/quarantine/resume}, which resumes a whole group ({@code error}) or the
 * jobs ticked ({@code job}, repeated) from their failed step, each in its own transaction, and
 * answers with how many resumed and which did not and why. The jobs are read through the store's
 * status index, newest first, at most {@link #READ} of them, so a lane of millions stays one
 * bounded read; a group larger than that is resumed {@link #READ} at a time.
 */
final class QuarantinePages {
  static final int READ = 5_000;
  private static final int SHOWN = 30;
  private static final String NO_MESSAGE = "(no message)";

  private final Engine engine;
  private final Access access;
  private final Pages pages;
  private final Audit audit;

  QuarantinePages(Engine engine, Access access, Pages pages, Audit audit) {
    this.engine = engine;
    this.access = access;
    this.pages = pages;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/quarantine", this::lane);
    routes.post("/console/quarantine/resume", this::resume);
  }

  private void lane(Context ctx) {
    access
        .viewer(ctx, Role.CLIENT, "Quarantine", "quarantine")
        .ifPresent(s -> send(ctx, s, 200, null));
  }

  private void resume(Context ctx) {
    Optional<Session> changer = access.changer(ctx, Role.CLIENT, "Quarantine", "quarantine");
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String error = ctx.formParam("error");
    Set<String> ids = new LinkedHashSet<>(ctx.formParams("job"));
    if (error != null) {
      for (Job j : quarantined(s).items()) {
        if (message(j).equals(error)) {
          ids.add(j.id());
        }
      }
    }
    if (ids.size() > READ) {
      String tooMany = ids.size() + " jobs were sent; at most " + READ + " are resumed at once.";
      send(ctx, s, 400, new Quarantine.Report(0, List.of(new Quarantine.Failure("", tooMany))));
      return;
    }
    if (ids.isEmpty()) {
      send(
          ctx,
          s,
          400,
          new Quarantine.Report(0, List.of(new Quarantine.Failure("", nothing(error)))));
      return;
    }
    int resumed = 0;
    List<Quarantine.Failure> failures = new ArrayList<>();
    for (String id : ids) {
      Optional<Job> job = engine.job(id).filter(j -> ClientJobs.sees(s.client(), j));
      if (job.isEmpty()) {
        failures.add(new Quarantine.Failure(id, "Job not found: " + id));
        continue;
      }
      if (job.get().status() != JobStatus.QUARANTINED) {
        failures.add(
            new Quarantine.Failure(
                id, "it is " + job.get().status().wireName() + ", no longer quarantined"));
        continue;
      }
      try {
        engine.resume(id, Map.of(), Map.of());
        resumed++;
        audit.record("resume", s, id, Map.of("from", "quarantine lane"));
      } catch (BatonException e) {
        failures.add(new Quarantine.Failure(id, String.valueOf(e.getMessage())));
      }
    }
    send(ctx, s, 200, new Quarantine.Report(resumed, failures));
  }

  private static String nothing(@Nullable String error) {
    return error == null
        ? "No job was ticked; nothing was resumed."
        : "No quarantined job has the error '" + error + "' any more; nothing was resumed.";
  }

  private void send(Context ctx, Session s, int status, Quarantine.@Nullable Report report) {
    Page<Job> jobs = quarantined(s);
    Map<String, List<Job>> byError = new LinkedHashMap<>();
    // Newest first, so each group's first job is its newest and the groups come newest first.
    for (Job j : jobs.items()) {
      byError.computeIfAbsent(message(j), k -> new ArrayList<>()).add(j);
    }
    // The group quarantined last first: by the latest change of its jobs (quarantining is one).
    List<Map.Entry<String, List<Job>>> ordered = new ArrayList<>(byError.entrySet());
    ordered.sort(
        Comparator.comparing((Map.Entry<String, List<Job>> e) -> latest(e.getValue())).reversed());
    List<Quarantine.Group> groups = new ArrayList<>();
    for (Map.Entry<String, List<Job>> e : ordered) {
      List<Job> list = e.getValue();
      List<JobRow> shown = list.stream().limit(SHOWN).map(JobPages::row).toList();
      groups.add(new Quarantine.Group(e.getKey(), list.size(), Show.time(latest(list)), shown));
    }
    Quarantine lane = new Quarantine(groups, jobs.total(), jobs.items().size(), report);
    pages.send(
        ctx,
        status,
        "quarantine.jte",
        Map.of("frame", access.frame(s, "Quarantine", "quarantine"), "lane", lane));
  }

  /**
   * The newest quarantined jobs the viewer may see, by when they were created (the store's order;
   * when a job was quarantined is not an indexed column), at most {@link #READ}.
   */
  private Page<Job> quarantined(Session s) {
    List<Job> out = new ArrayList<>();
    long total = 0;
    for (int offset = 0; offset < READ; offset += JobQuery.MAX_LIMIT) {
      Page<Job> page =
          ClientJobs.page(
              engine,
              s.client(),
              new JobQuery(JobStatus.QUARANTINED, null, JobQuery.MAX_LIMIT, offset));
      out.addAll(page.items());
      total = page.total();
      if (page.items().size() < JobQuery.MAX_LIMIT) {
        break;
      }
    }
    return new Page<>(out, total);
  }

  private static Instant latest(List<Job> jobs) {
    return jobs.stream().map(Job::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
  }

  private static String message(Job j) {
    String m = j.errorMessage();
    return m == null || m.isBlank() ? NO_MESSAGE : m;
  }
}
