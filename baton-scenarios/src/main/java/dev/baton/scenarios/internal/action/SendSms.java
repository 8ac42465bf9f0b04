package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.internal.Templates;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code send_sms} through an HTTP gateway ({@code sms} component): one {@code POST url} per
 * recipient with a JSON body {@code {login, password, serviceId, source, to, text}}, the text cut
 * to {@code max_length} (160); any 2xx is a success. Under {@link Notifications}' rules.
 */
record SendSms(
    @Nullable Object component, @Nullable Object to, @Nullable Object text, boolean ignoreErrors)
    implements ScenarioAction {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static ScenarioAction read(Map<?, ?> a) {
    return new SendSms(
        a.get("component"),
        a.get("to"),
        a.get("text") != null ? a.get("text") : a.get("message"),
        Boolean.TRUE.equals(a.get("ignore_errors")));
  }

  @Override
  public String type() {
    return "send_sms";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    return run.with()
        .notifications()
        .notify(
            type(), "sms", component, ignoreErrors, run.vars(), (c, vars) -> send(run, c, vars));
  }

  private Map<String, Object> send(ActionRun run, Map<String, Object> c, Map<String, Object> vars)
      throws ActionFailure {
    List<String> numbers = Targets.names(Templates.render(to, vars));
    if (numbers.isEmpty() || text == null) {
      throw new ActionFailure("send_sms: to and text are required");
    }
    if (!(c.get("url") instanceof String url)) {
      throw new ActionFailure("send_sms: the sms component needs a url");
    }
    String message = Templates.text(String.valueOf(text), vars);
    int max = c.get("max_length") instanceof Number n ? n.intValue() : 160;
    if (message.length() > max) {
      message = message.substring(0, max);
    }
    for (String number : numbers) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("login", c.getOrDefault("login", ""));
      body.put("password", c.getOrDefault("password", ""));
      body.put("serviceId", c.getOrDefault("serviceId", ""));
      body.put("source", c.getOrDefault("source", ""));
      body.put("to", number);
      body.put("text", message);
      HttpResponse<String> r =
          run.with()
              .http()
              .call(
                  "POST",
                  url,
                  Map.of("Content-Type", "application/json"),
                  JSON.writeValueAsString(body),
                  Duration.ofSeconds(10),
                  "send_sms");
      if (r.statusCode() / 100 != 2) {
        throw new ActionFailure(
            "send_sms: the gateway answered "
                + r.statusCode()
                + " for "
                + number
                + ": "
                + r.body());
      }
    }
    return Map.of("to", numbers, "text", message);
  }
}
