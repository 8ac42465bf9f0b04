package dev.baton.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code baton jobs ...}: jobs of a running server, over {@code /api/v1/jobs}. */
@Command(
    name = "jobs",
    description = "Submit, list, inspect, cancel, resume, approve and watch jobs.",
    subcommands = {
      JobSubmit.class,
      JobsCommand.ListCmd.class,
      JobsCommand.Get.class,
      JobsCommand.History.class,
      JobsCommand.Cancel.class,
      JobsCommand.Resume.class,
      JobsCommand.Approve.class,
      JobWatch.class
    })
public final class JobsCommand extends CommandGroup {
  static final String BASE = "/api/v1/jobs";

  /** The fields a job shows in a table, in this order; {@code -o json} has every field. */
  static final String[] JOB_FIELDS = {
    "id",
    "blueprint",
    "blueprint_version",
    "status",
    "state",
    "priority",
    "retry_count",
    "created_at",
    "updated_at",
    "parent_job_id",
    "error_message",
    "failed_state",
    "waiting_for",
    "task_worker_id",
    "progress",
    "initial_data",
    "state_history"
  };

  static String job(String id) {
    return BASE + "/" + Api.segment(id);
  }

  @Command(name = "list", description = "Jobs, newest first, one page at a time.")
  static final class ListCmd extends ApiCommand {
    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description =
            "only jobs with this status"
                + " (pending, running, waiting_for_worker, waiting_for_human, awaiting_retry, finished,"
                + " failed, quarantined, cancelled, ...)")
    @Nullable String status;

    @Option(names = "--blueprint", paramLabel = "NAME", description = "only jobs of this blueprint")
    @Nullable String blueprint;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "jobs per page, 1 to 1000 (default ${DEFAULT-VALUE})")
    int limit = 50;

    @Option(
        names = "--offset",
        defaultValue = "0",
        description = "jobs to skip (default ${DEFAULT-VALUE})")
    int offset;

    @Override
    protected int run(Api api, Printer out) {
      JsonNode page =
          api.get(
              BASE
                  + Api.query(
                      "status", status, "blueprint", blueprint, "limit", limit, "offset", offset));
      out.rows(
          page, page.path("items"), "id", "blueprint", "status", "state", "priority", "created_at");
      long total = page.path("total").asLong();
      int shown = page.path("items").size();
      if (!out.json() && offset + shown < total) {
        out.note(
            (offset + 1)
                + "-"
                + (offset + shown)
                + " of "
                + total
                + "; next page: --offset "
                + (offset + shown));
      }
      return 0;
    }
  }

  @Command(name = "get", description = "One job: its status, state, input and data.")
  static final class Get extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "the job's id")
    String id = "";

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.get(job(id)), JOB_FIELDS);
      return 0;
    }
  }

  @Command(
      name = "history",
      description = "Every transition of a job, oldest first, with its reason.")
  static final class History extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "the job's id")
    String id = "";

    @Override
    protected int run(Api api, Printer out) {
      JsonNode h = api.get(job(id) + "/history");
      out.rows(h, h, "at", "from_status", "to_status", "from_state", "to_state", "reason");
      return 0;
    }
  }

  @Command(name = "cancel", description = "Cancel a job that has not ended, with its open tasks.")
  static final class Cancel extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "the job's id")
    String id = "";

    @Override
    protected int run(Api api, Printer out) {
      out.object(
          api.post(job(id) + "/cancel", Map.of()), "job_id", "status", "job.status", "job.state");
      return 0;
    }
  }

  @Command(
      name = "resume",
      description = "Run a failed or quarantined job again from the state that failed.")
  static final class Resume extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "the job's id")
    String id = "";

    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "a JSON object (or @file) merged into the job's data (state_history) first")
    @Nullable String data;

    @Option(
        names = "--input",
        paramLabel = "JSON",
        description = "a JSON object (or @file) merged into the job's input (initial_data) first")
    @Nullable String input;

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> body = new LinkedHashMap<>();
      Map<String, Object> d = JsonArgs.object("--data", data);
      Map<String, Object> i = JsonArgs.object("--input", input);
      if (d != null) {
        body.put("data", d);
      }
      if (i != null) {
        body.put("initial_data", i);
      }
      out.object(api.post(job(id) + "/resume", body), JOB_FIELDS);
      return 0;
    }
  }

  @Command(
      name = "approve",
      description = "Decide for a job that waits for a person (an approval state).")
  static final class Approve extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "the job's id")
    String id = "";

    @Option(
        names = "--decision",
        paramLabel = "DECISION",
        defaultValue = "approve",
        description =
            "one of the keys of the job's waiting_for.transitions, e.g. approve or"
                + " reject (default ${DEFAULT-VALUE})")
    String decision = "approve";

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.post(job(id) + "/decision", Map.of("decision", decision)), JOB_FIELDS);
      return 0;
    }
  }
}
