package dev.baton.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jobs from a JSON Lines file through {@code POST /api/v1/jobs/batch}, {@code chunk} at a time. The
 * file is read twice: first every line is checked (so a typo on line 90,000 stops the run before
 * anything is sent), then the batches go out. A batch is one transaction on the server: when one is
 * refused, the batches before it are stored and nothing after it is sent, and the message says
 * which lines.
 */
final class BulkSubmit {
  private static final Pattern ENTRY = Pattern.compile("jobs\\[(\\d+)]");

  private final Api api;
  private final int chunk;
  private final ProgressBar bar;

  BulkSubmit(Api api, int chunk, ProgressBar bar) {
    this.api = api;
    this.chunk = chunk;
    this.bar = bar;
  }

  /** A job of the file with the line it came from. */
  private record Line(int number, JsonNode job) {}

  /** Sends the file's jobs; prints a summary, or with {@code quiet} the ids one a line. */
  int submit(Path file, @Nullable String blueprint, boolean quiet, Printer out) {
    long total = check(file, blueprint);
    List<String> ids = new ArrayList<>();
    int requests = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Line> batch = new ArrayList<>();
      int number = 0;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        number++;
        if (!text.isBlank()) {
          batch.add(new Line(number, job(file, number, text, blueprint)));
        }
        if (batch.size() == chunk) {
          send(file, batch, ids);
          requests++;
          batch.clear();
          bar.show(ids.size(), total, "jobs");
        }
      }
      if (!batch.isEmpty()) {
        send(file, batch, ids);
        requests++;
        bar.show(ids.size(), total, "jobs");
      }
    } catch (IOException e) {
      throw ApiFailure.of(file + ": cannot be read: " + e.getMessage(), ApiFailure.USAGE);
    } finally {
      bar.end();
    }
    if (quiet) {
      ids.forEach(out::plain);
    } else if (out.json()) {
      ObjectNode summary = Api.JSON.createObjectNode();
      summary.put("submitted", ids.size());
      summary.put("requests", requests);
      ArrayNode list = summary.putArray("ids");
      ids.forEach(list::add);
      out.object(summary);
    } else {
      out.line(
          "submitted "
              + ids.size()
              + " jobs from "
              + file
              + " in "
              + requests
              + (requests == 1 ? " request" : " requests"));
    }
    return 0;
  }

  /** Checks every line; answers how many jobs the file has. */
  private static long check(Path file, @Nullable String blueprint) {
    long jobs = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        number++;
        if (!text.isBlank()) {
          job(file, number, text, blueprint);
          jobs++;
        }
      }
    } catch (IOException e) {
      throw ApiFailure.of(file + ": cannot be read: " + e.getMessage(), ApiFailure.USAGE);
    }
    if (jobs == 0) {
      throw ApiFailure.of(file + ": no jobs in it", ApiFailure.USAGE);
    }
    return jobs;
  }

  private static JsonNode job(Path file, int number, String text, @Nullable String blueprint) {
    JsonNode n;
    try {
      n = Api.JSON.readTree(text);
    } catch (JacksonException e) {
      throw ApiFailure.of(
          file + ":" + number + ": not JSON: " + e.getOriginalMessage(), ApiFailure.USAGE);
    }
    if (n == null || !n.isObject()) {
      throw ApiFailure.of(
          file
              + ":"
              + number
              + ": expected a job such as"
              + " {\"blueprint\":\"hello\",\"input\":{}}",
          ApiFailure.USAGE);
    }
    if (!n.has("blueprint")) {
      if (blueprint == null) {
        throw ApiFailure.of(
            file
                + ":"
                + number
                + ": no \"blueprint\"; name it on the line or"
                + " as the command's BLUEPRINT",
            ApiFailure.USAGE);
      }
      ((ObjectNode) n).put("blueprint", blueprint);
    }
    return n;
  }

  private void send(Path file, List<Line> batch, List<String> ids) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobs", batch.stream().map(Line::job).toList());
    JsonNode answer;
    try {
      answer = api.post(JobsCommand.BASE + "/batch", body);
    } catch (ApiFailure e) {
      if (e.status() == 0) {
        throw e;
      }
      throw ApiFailure.of(
          file
              + " lines "
              + batch.get(0).number()
              + "-"
              + batch.get(batch.size() - 1).number()
              + " were refused, none of them stored: "
              + lines(String.valueOf(e.getMessage()), batch)
              + "; "
              + ids.size()
              + " jobs before them were stored",
          ApiFailure.REFUSED);
    }
    answer.path("jobs").forEach(j -> ids.add(j.path("id").asString()));
  }

  /** The server names a batch entry ({@code jobs[3].blueprint}); the person wants the line. */
  private static String lines(String message, List<Line> batch) {
    Matcher m = ENTRY.matcher(message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String line = i < batch.size() ? "line " + batch.get(i).number() : m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(line));
    }
    return m.appendTail(b).toString();
  }
}
