package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import dev.baton.server.route.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Input that once reached a 500: each is a clear 4xx now, and changes nothing. */
class InputRefusalTest {
  private final TestServer t = new TestServer();

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  /** {@code {"a":{"a":…{}…}}} with {@code depth} objects in all. */
  static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  @Test
  void emptyAndSignedNumbersInQueryParametersAre400() {
    Map<String, String> cases =
        Map.of(
            "/api/v1/jobs?limit=",
                "query parameter 'limit' is empty; it must be an integer between 1 and 1000, or"
                    + " leave it out",
            "/api/v1/jobs?offset=",
                "query parameter 'offset' is empty; it must be an integer between 0 and"
                    + " 2147483647, or leave it out",
            "/api/v1/jobs?limit=%2B5",
                "query parameter 'limit' must be an integer between 1 and 1000, was '+5' (plain"
                    + " decimal digits, without a sign or spaces)",
            "/api/v1/jobs?limit=+5",
                "query parameter 'limit' must be an integer between 1 and 1000, was ' 5' (plain"
                    + " decimal digits, without a sign or spaces)",
            "/api/v1/jobs?offset=99999999999999999999999",
                "query parameter 'offset' must be an integer between 0 and 2147483647, was"
                    + " '99999999999999999999999'");
    cases.forEach((path, message) -> {
      Res r = t.get(path);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.error()).as(path).isEqualTo(message);
    });
    String schedule =
        t.post(
                "/api/v1/schedules",
                json(Map.of("name", "nightly", "blueprint", "hello", "cron", "0 0 1 1 *")))
            .json()
            .path("id")
            .asString();
    for (String q : List.of("limit=", "limit=+5", "limit=%2B5")) {
      Res r = t.get("/api/v1/schedules/" + schedule + "/runs?" + q);
      assertThat(r.status()).as(q).isEqualTo(400);
    }
    assertThat(t.get("/api/v1/schedules/" + schedule + "/preview?count=").status()).isEqualTo(400);
  }

  @Test
  void jsonNestedPastTheLimitIsRefusedAtTheDoorAndNothingIsStored() {
    String deep = nested(500);
    List<String[]> cases =
        List.of(
            new String[] {"/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":" + deep + "}"},
            new String[] {"/api/v1/jobs/greet", "{\"initial_data\":" + deep + "}"},
            new String[] {"/api/v1/jobs/greet", deep},
            new String[] {
              "/_worker/workers/register",
              "{\"worker_id\":\"w1\",\"supported_tasks\":[\"greet\"],\"resources\":" + deep + "}"
            },
            new String[] {
              "/_worker/workers/register",
              "{\"worker_id\":\"w1\",\"supported_tasks\":[\"greet\"],\"capabilities\":" + deep + "}"
            },
            new String[] {
              "/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":" + nested(Json.MAX_DEPTH) + "}"
            });
    for (String[] c : cases) {
      Res r = t.post(c[0], c[1], "X-Worker-Token", TestServer.TOKEN);
      assertThat(r.status()).as(c[0] + " " + c[1].length()).isEqualTo(400);
      assertThat(r.error())
          .isEqualTo(
              "Invalid JSON body: arrays and objects nest deeper than 64 levels, the most Baton"
                  + " accepts");
    }
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
    assertThat(t.engine.workers()).isEmpty();

    // At the limit: stored, and every read of it still answers.
    Res ok = t.post("/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":" + nested(63) + "}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(t.get("/api/v1/jobs").status()).isEqualTo(200);
    assertThat(t.get("/api/v1/jobs/" + ok.json().path("id").asString()).status()).isEqualTo(200);
    assertThat(t.get("/api/jobs").status()).isEqualTo(200);
  }

  @Test
  void aNulCharacterInAnIdOrAQueryIsRefusedBeforeTheStore() {
    for (String path :
        List.of(
            "/api/v1/jobs/a%00b",
            "/api/v1/jobs/%00/history",
            "/api/v1/jobs?blueprint=%00",
            "/api/v1/jobs?status=waiting%00",
            "/_worker/workers/w%001/tasks/next",
            "/api/v1/schedules/%00")) {
      Res r = t.get(path, "X-Worker-Token", TestServer.TOKEN);
      assertThat(r.status()).as(path).isEqualTo(400);
      // Jetty refuses a NUL in the path itself; the route guard one in the query.
      assertThat(r.error()).as(path).containsAnyOf("NUL character", "refused before it reached");
    }
    assertThat(t.engine.workers()).isEmpty();
  }

  @Test
  void aNulCharacterInABodyIsRefusedBeforeTheStore() {
    Res register =
        t.post(
            "/_worker/workers/register",
            "{\"worker_id\":\"w\\u0000\",\"supported_tasks\":[\"greet\"]}",
            "X-Worker-Token",
            TestServer.TOKEN);
    assertThat(register.status()).isEqualTo(400);
    assertThat(register.error())
        .isEqualTo(
            "field 'worker_id' holds a NUL character (U+0000) in its text, which Baton does not"
                + " accept");
    Res result =
        t.post(
            "/_worker/tasks/result",
            "{\"job_id\":\"j\\u0000\",\"task_id\":\"t\",\"worker_id\":\"w1\",\"result\":{}}",
            "X-Worker-Token",
            TestServer.TOKEN);
    assertThat(result.status()).isEqualTo(400);
    Res key = t.post("/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":{\"a\\u0000\":1}}");
    assertThat(key.status()).isEqualTo(400);
    assertThat(key.error()).contains("field 'input.a\\u0000' holds a NUL character");
    assertThat(t.engine.workers()).isEmpty();
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void aNumberTooLargeForADoubleIsRefused() {
    Res r = t.post("/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":{\"n\":1e999}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).contains("field 'input.n' holds a number too large");
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void aTrailingSlashIsANotFoundThatSaysSo() {
    t.createJob("hello");
    Res r = t.get("/api/v1/jobs/");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).endsWith("; paths take no trailing slash");
    assertThat(t.post("/api/v1/jobs/", "{\"blueprint\":\"hello\"}").status()).isEqualTo(404);
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isEqualTo(1);
  }

  @Test
  void aMalformedChunkedBodyIs400() throws Exception {
    String status =
        raw(
            "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "zz\r\n{\"blueprint\":\"hello\"}\r\n0\r\n\r\n");
    assertThat(status).startsWith("HTTP/1.1 400");
    String cut =
        raw(
            "POST /_worker/tasks/result HTTP/1.1\r\nHost: x\r\nX-Worker-Token: "
                + TestServer.TOKEN
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\n{\"a\":1}\r\n0\r\n\r\n");
    assertThat(status(cut)).isBetween(400, 499);
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void http09AndUnknownVersionsAre4xx() throws Exception {
    for (String request :
        List.of(
            "GET /api/v1/jobs\r\n\r\n",
            "GET /api/v1/jobs HTTP/0.9\r\n\r\n",
            "GET /api/v1/jobs HTTP/1.7\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/jobs HTTP/3.0\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/jobs FOO/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
      String answer = raw(request);
      // A request Jetty cannot parse gets its 400, or the connection is closed unanswered.
      if (!answer.isEmpty()) {
        assertThat(status(answer)).as(request + "\n" + answer).isBetween(400, 499);
        assertThat(answer).contains("{\"error\":");
      }
    }
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      try {
        while ((n = in.read(buffer)) >= 0) {
          got.write(buffer, 0, n);
        }
      } catch (java.net.SocketException e) {
        // reset by the server after its answer
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
