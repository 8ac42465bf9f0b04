package dev.baton.scenarios.internal;

import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code send_email} (real SMTP) and {@code send_sms} (an HTTP gateway), with upstream's rules: a
 * disabled component is a silent success, and consecutive failures per action type past {@code
 * max_error_attempts} skip sending.
 */
final class Notifications {
  private static final Logger log = LoggerFactory.getLogger("dev.baton.scenarios.log");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An HTTP call; failures are the caller's action failures. */
  @FunctionalInterface
  interface Http {
    HttpResponse<String> call(
        String method,
        String url,
        Map<String, String> headers,
        @Nullable String body,
        Duration timeout,
        String what)
        throws ActionFailure;
  }

  private final Components components;
  private final OrchestratorConfig config;
  private final Http http;
  private final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  Notifications(Components components, OrchestratorConfig config, Http http) {
    this.components = components;
    this.config = config;
    this.http = http;
  }

  @FunctionalInterface
  private interface Sender {
    Map<String, Object> send(
        Map<String, Object> component, Map<String, Object> a, Map<String, Object> vars)
        throws ActionFailure;
  }

  /**
   * The rules send_email and send_sms share: a disabled component is a silent success; after {@code
   * max_error_attempts} consecutive failures of this action type, sending is skipped until one
   * succeeds... which it cannot while skipped, so an ACK (or a restart) resets the counter.
   */
  Map<String, Object> email(Map<String, Object> a, Map<String, Object> vars) throws ActionFailure {
    return notify("send_email", a, vars, this::sendEmail);
  }

  Map<String, Object> sms(Map<String, Object> a, Map<String, Object> vars) throws ActionFailure {
    return notify("send_sms", a, vars, this::sendSms);
  }

  /** Consecutive failures per action type. */
  Map<String, Integer> failureCounts() {
    Map<String, Integer> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private Map<String, Object> notify(
      String type, Map<String, Object> a, Map<String, Object> vars, Sender sender)
      throws ActionFailure {
    String kind = type.equals("send_email") ? "email" : "sms";
    Map<String, Object> component = service(kind, a.get("component"));
    if (Boolean.FALSE.equals(component.get("enabled"))) {
      return Map.of("skipped", true, "reason", kind + " component disabled");
    }
    AtomicInteger count = failures.computeIfAbsent(type, t -> new AtomicInteger());
    int max = component.get("max_error_attempts") instanceof Number n ? n.intValue() : 0;
    if (max > 0 && count.get() >= max) {
      log.warn(
          "{} skipped: {} consecutive failures reached max_error_attempts {}",
          type,
          count.get(),
          max);
      return Map.of(
          "skipped",
          true,
          "reason",
          count.get() + " consecutive failures (max_error_attempts " + max + ")");
    }
    Map<String, Object> withFaults = new LinkedHashMap<>(vars);
    withFaults.putAll(faultVariables());
    try {
      Map<String, Object> result = sender.send(component, a, withFaults);
      count.set(0);
      return result;
    } catch (ActionFailure e) {
      count.incrementAndGet();
      if (Boolean.TRUE.equals(a.get("ignore_errors"))) {
        return Map.of("ignored_error", String.valueOf(e.getMessage()));
      }
      throw e;
    }
  }

  /** Resets the consecutive-failure counters (on ACK). */
  void resetFailures() {
    failures.clear();
  }

  private Map<String, Object> service(String type, @Nullable Object name) throws ActionFailure {
    for (var e : config.services().entrySet()) {
      if (type.equals(e.getValue().get("type")) && (name == null || e.getKey().equals(name))) {
        return e.getValue();
      }
    }
    throw new ActionFailure(
        "no "
            + type
            + " component configured"
            + (name == null ? "" : " named '" + name + "'")
            + "; add one under components with type \""
            + type
            + "\"");
  }

  /** clients_in_fault, clients_error_messages, clients_error_messages_sms. */
  private Map<String, Object> faultVariables() {
    List<ComponentStatus> faulty =
        components.statuses().stream().filter(c -> "FAULT".equals(c.fsmState())).toList();
    List<String> names = faulty.stream().map(ComponentStatus::name).sorted().toList();
    List<String> messages = new ArrayList<>();
    List<String> shortMessages = new ArrayList<>();
    for (ComponentStatus c : components.statuses()) {
      if (c.errorMessage() != null) {
        messages.add(c.name() + ": " + c.errorMessage());
        String m = c.errorMessage();
        shortMessages.add(c.name() + ": " + (m.length() > 40 ? m.substring(0, 40) : m));
      }
    }
    return Map.of(
        "clients_in_fault", names.isEmpty() ? "(brak)" : String.join(", ", names),
        "clients_error_messages", messages.isEmpty() ? "(brak)" : String.join("\n", messages),
        "clients_error_messages_sms",
            shortMessages.isEmpty() ? "(brak)" : String.join("; ", shortMessages));
  }

  private Map<String, Object> sendEmail(
      Map<String, Object> c, Map<String, Object> a, Map<String, Object> vars) throws ActionFailure {
    List<String> to = Targets.names(Templates.render(a.get("to"), vars));
    if (to.isEmpty() || a.get("subject") == null || a.get("body") == null) {
      throw new ActionFailure("send_email: to, subject and body are required");
    }
    String subject = Templates.text(String.valueOf(a.get("subject")), vars);
    String body = Templates.text(String.valueOf(a.get("body")), vars);
    Smtp.Server server =
        new Smtp.Server(
            String.valueOf(c.getOrDefault("host", "127.0.0.1")),
            c.get("port") instanceof Number n ? n.intValue() : 587,
            String.valueOf(c.getOrDefault("username", "")),
            String.valueOf(c.getOrDefault("password", "")),
            Boolean.TRUE.equals(c.get("starttls")),
            Boolean.TRUE.equals(c.get("tls")),
            String.valueOf(c.getOrDefault("from", "baton@localhost")),
            10_000);
    try {
      new Smtp(server).send(to, subject, body);
    } catch (IOException e) {
      throw new ActionFailure("send_email: " + e.getMessage());
    }
    return Map.of("to", to, "subject", subject);
  }

  /**
   * An HTTP SMS gateway: one {@code POST url} per recipient with a JSON body {@code {login,
   * password, serviceId, source, to, text}}; any 2xx is a success.
   */
  private Map<String, Object> sendSms(
      Map<String, Object> c, Map<String, Object> a, Map<String, Object> vars) throws ActionFailure {
    List<String> to = Targets.names(Templates.render(a.get("to"), vars));
    Object raw = a.get("text") != null ? a.get("text") : a.get("message");
    if (to.isEmpty() || raw == null) {
      throw new ActionFailure("send_sms: to and text are required");
    }
    if (!(c.get("url") instanceof String url)) {
      throw new ActionFailure("send_sms: the sms component needs a url");
    }
    String text = Templates.text(String.valueOf(raw), vars);
    int max = c.get("max_length") instanceof Number n ? n.intValue() : 160;
    if (text.length() > max) {
      text = text.substring(0, max);
    }
    for (String number : to) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("login", c.getOrDefault("login", ""));
      body.put("password", c.getOrDefault("password", ""));
      body.put("serviceId", c.getOrDefault("serviceId", ""));
      body.put("source", c.getOrDefault("source", ""));
      body.put("to", number);
      body.put("text", text);
      HttpResponse<String> r =
          http.call(
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
    return Map.of("to", to, "text", text);
  }
}
