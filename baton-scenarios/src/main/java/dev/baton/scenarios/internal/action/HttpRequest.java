package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import dev.baton.scenarios.internal.Templates;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code http_request}: calls the templated {@code url} with templated headers and body (an object
 * or list goes as JSON); a status outside {@code expected_status} (default any 2xx) fails it. The
 * status and the (JSON-parsed) body are the result, also put into the context as {@code
 * result_key}.
 */
record HttpRequest(
    String url,
    String method,
    Map<String, String> headers,
    @Nullable Object body,
    Duration timeout,
    List<String> expected,
    @Nullable String resultKey)
    implements ScenarioAction {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    if (!(a.get("url") instanceof String url)) {
      throw new ActionFailure("http_request: url is required");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (a.get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
    }
    return new HttpRequest(
        url,
        String.valueOf(a.get("method") == null ? "GET" : a.get("method")).toUpperCase(Locale.ROOT),
        headers,
        a.get("body"),
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "http_request.timeout"),
        Targets.names(a.get("expected_status")),
        a.get("result_key") instanceof String key ? key : null);
  }

  @Override
  public String type() {
    return "http_request";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    Map<String, Object> vars = run.vars();
    String target = Templates.text(url, vars);
    Map<String, String> sent = new LinkedHashMap<>();
    headers.forEach((k, v) -> sent.put(k, Templates.text(v, vars)));
    String text = null;
    if (body instanceof Map<?, ?> || body instanceof List<?>) {
      text = JSON.writeValueAsString(Templates.render(body, vars));
      sent.putIfAbsent("Content-Type", "application/json");
    } else if (body != null) {
      text = Templates.text(String.valueOf(body), vars);
    }
    HttpResponse<String> r =
        run.with().http().call(method, target, sent, text, timeout, "http_request");
    boolean ok =
        expected.isEmpty()
            ? r.statusCode() / 100 == 2
            : expected.stream().anyMatch(e -> e.equals(String.valueOf(r.statusCode())));
    Object parsed;
    try {
      parsed = r.body().isBlank() ? "" : JSON.readValue(r.body(), Object.class);
    } catch (JacksonException e) {
      parsed = r.body();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", r.statusCode());
    result.put("body", parsed == null ? "" : parsed);
    if (!ok) {
      throw new ActionFailure(
          "http_request: "
              + method
              + " "
              + target
              + " answered "
              + r.statusCode()
              + ": "
              + r.body());
    }
    if (resultKey != null) {
      run.context().put(resultKey, result);
    }
    return result;
  }
}
