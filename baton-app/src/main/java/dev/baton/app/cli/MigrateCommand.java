package dev.baton.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code baton blueprints migrate NAME@FROM --to VERSION}: moves running jobs at safe points, over
 * {@code POST /api/v1/blueprints/{name}/migrate}. Exit code 0 when every job asked for moved (or,
 * in a dry run, would); 1 when some were refused or are still waiting for a worker's result.
 */
@Command(
    name = "migrate",
    description =
        "Move running jobs of NAME@FROM to another version at safe points (between steps, never"
            + " under a worker); try --dry-run first.")
public final class MigrateCommand extends ApiCommand {
  @Parameters(paramLabel = "NAME@FROM", description = "the blueprint and the version jobs run on")
  String from = "";

  @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the version")
  int to;

  @Option(
      names = "--map",
      paramLabel = "OLD=NEW",
      description = "send jobs in state OLD to state NEW (repeat); OLD=OLD enters a changed state")
  Map<String, String> mapping = new LinkedHashMap<>();

  @Option(names = "--state", paramLabel = "STATE", description = "only jobs in this state (repeat)")
  List<String> states = new ArrayList<>();

  @Option(names = "--job", paramLabel = "ID", description = "only this job (repeat)")
  List<String> jobs = new ArrayList<>();

  @Option(names = "--dry-run", description = "say what would move where and why; move nothing")
  boolean dryRun;

  @Option(
      names = "--redispatch",
      description = "cancel a task a worker holds and dispatch it again, instead of waiting")
  boolean redispatch;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "migrate again until no job waits for a worker's result, for at most this long (30s)")
  Duration wait = Duration.ZERO;

  @Override
  protected int run(Api api, Printer out) {
    VersionRef ref = VersionRef.parse(from);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", ref.version());
    body.put("to", to);
    body.put("mapping", mapping);
    body.put("states", states);
    body.put("job_ids", jobs);
    body.put("redispatch", redispatch);
    body.put("dry_run", dryRun);
    String route = BlueprintsCommand.BASE + "/" + Api.segment(ref.name()) + "/migrate";
    long until = System.nanoTime() + wait.toNanos();
    JsonNode answer = api.post(route, body);
    while (!dryRun && answer.path("deferred").asLong() > 0 && System.nanoTime() < until) {
      pause();
      answer = api.post(route, body);
    }
    out.rows(answer, answer.path("jobs"), "job_id", "from_state", "to_state", "result", "reason");
    if (answer.path("jobs_truncated").asBoolean()) {
      out.note("only the first jobs are listed; the counts cover them all");
    }
    out.line(summary(answer));
    boolean all = answer.path("refused").asLong() == 0 && answer.path("deferred").asLong() == 0;
    return all ? 0 : ApiFailure.REFUSED;
  }

  private static String summary(JsonNode a) {
    return (a.path("dry_run").asBoolean() ? "dry run: would move " : "moved ")
        + a.path("moved").asLong()
        + ", refused "
        + a.path("refused").asLong()
        + ", deferred "
        + a.path("deferred").asLong()
        + ", skipped "
        + a.path("skipped").asLong();
  }

  private static void pause() {
    try {
      Thread.sleep(500); // a worker's result is what we wait for: nothing to be woken by
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiFailure.of("interrupted", ApiFailure.REFUSED);
    }
  }
}
