package dev.baton.app;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the server is, and the client token when its API wants one: the {@code schedules} commands'
 * one HTTP client, over {@code /api/v1/schedules}.
 */
final class SchedulesApi {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Option(
      names = "--server",
      defaultValue = "${env:BATON_URL:-http://localhost:8080}",
      description = "Baton's URL (env BATON_URL; default ${DEFAULT-VALUE})")
  String url = "http://localhost:8080";

  @Option(
      names = "--token",
      defaultValue = "${env:BATON_TOKEN:-}",
      description = "client token, when the server has a clients file (env BATON_TOKEN)")
  String token = "";

  /** Sends a request, prints the answer; the exit code says whether it was a success. */
  int call(String method, String path, @Nullable Object body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1/schedules" + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (!token.isBlank()) {
      b.header("X-Avtomatika-Token", token);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (!r.body().isBlank()) {
        JsonNode node = JSON.readTree(r.body());
        String shown = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        (r.statusCode() < 400 ? System.out : System.err).println(shown);
      }
      return r.statusCode() < 400 ? 0 : 1;
    } catch (IOException e) {
      System.err.println("cannot reach Baton at " + url + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  /** A schedule's name as one path segment. */
  static String path(String name) {
    return "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
