package dev.baton.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code baton jobs submit}: one job from options, or many from a JSON Lines file. */
@Command(
    name = "submit",
    description = {
      "Start a job of a blueprint, or many: --file takes a JSON Lines file, one job a line"
          + " ({\"blueprint\":\"hello\",\"input\":{\"name\":\"Ada\"}}), sent in batches of"
          + " --chunk jobs (each batch is one transaction), with a progress bar on a terminal.",
      "Examples:",
      "  baton jobs submit hello --input '{\"name\":\"Ada\"}' --watch",
      "  baton jobs submit --file jobs.jsonl"
    })
final class JobSubmit extends ApiCommand {
  @Parameters(
      paramLabel = "BLUEPRINT",
      arity = "0..1",
      description =
          "the blueprint to start; with --file, the blueprint of every line that names none")
  @Nullable String blueprint;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description = "the job's input: a JSON object, or @file to read one")
  @Nullable String input;

  @Option(
      names = "--blueprint-version",
      paramLabel = "N",
      description = "the blueprint's version (default: the newest)")
  @Nullable Integer version;

  @Option(names = "--priority", paramLabel = "N", description = "higher runs first (default 0)")
  @Nullable Integer priority;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description =
          "a repeat with the same"
              + " key within 24 hours answers the first job instead of starting another")
  @Nullable String idempotencyKey;

  @Option(names = "--watch", description = "then follow the job until it ends, as jobs watch does")
  boolean watch;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description =
          "a JSON Lines file of jobs (blank"
              + " lines are skipped); every line is checked before the first is sent")
  @Nullable Path file;

  @Option(
      names = "--chunk",
      paramLabel = "N",
      defaultValue = "500",
      description = "jobs per request with --file, 1 to 1000 (default ${DEFAULT-VALUE})")
  int chunk = 500;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "print only the job's id, for scripts: ID=$(baton jobs submit hello -q);"
              + " with --file, the ids one a line")
  boolean quiet;

  @Option(names = "--no-progress", description = "no progress bar, even on a terminal")
  boolean noProgress;

  @Override
  protected int run(Api api, Printer out) {
    if (file != null) {
      if (input != null || version != null || priority != null || idempotencyKey != null || watch) {
        throw ApiFailure.of(
            "--file takes its jobs from the file; --input, --blueprint-version,"
                + " --priority, --idempotency-key and --watch are for one job",
            ApiFailure.USAGE);
      }
      if (chunk < 1 || chunk > 1000) {
        throw ApiFailure.of("--chunk: 1 to 1000, was " + chunk, ApiFailure.USAGE);
      }
      ProgressBar bar = noProgress ? ProgressBar.off() : ProgressBar.onTerminal(out.err());
      return new BulkSubmit(api, chunk, bar).submit(file, blueprint, quiet, out);
    }
    if (blueprint == null) {
      throw ApiFailure.of(
          "name the blueprint to start (baton jobs submit hello), or give --file",
          ApiFailure.USAGE);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprint", blueprint);
    Map<String, Object> in = JsonArgs.object("--input", input);
    body.put("input", in == null ? Map.of() : in);
    if (version != null) {
      body.put("version", version);
    }
    if (priority != null) {
      body.put("priority", priority);
    }
    Map<String, String> headers =
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    JsonNode job = api.send("POST", JobsCommand.BASE, body, headers);
    if (quiet) {
      out.plain(job.path("id").asString());
    }
    if (!watch) {
      if (quiet) {
        return 0;
      }
      out.object(job, "id", "blueprint", "blueprint_version", "status", "state", "created_at");
      return 0;
    }
    return JobWatch.watch(
        new JobFollower.Polling(api, Duration.ofMillis(500)),
        job.path("id").asString(),
        Duration.ofHours(24),
        out);
  }
}
