package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.internal.Templates;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code send_email} over SMTP ({@code email} component, see {@link Mail}): templated {@code to}
 * (one address or a list), {@code subject} and {@code body}. Under {@link Notifications}' rules.
 */
record SendEmail(
    @Nullable Object component,
    @Nullable Object to,
    @Nullable Object subject,
    @Nullable Object body,
    boolean ignoreErrors)
    implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) {
    return new SendEmail(
        a.get("component"),
        a.get("to"),
        a.get("subject"),
        a.get("body"),
        Boolean.TRUE.equals(a.get("ignore_errors")));
  }

  @Override
  public String type() {
    return "send_email";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    return run.with()
        .notifications()
        .notify(type(), "email", component, ignoreErrors, run.vars(), this::send);
  }

  private Map<String, Object> send(Map<String, Object> c, Map<String, Object> vars)
      throws ActionFailure {
    List<String> recipients = Targets.names(Templates.render(to, vars));
    if (recipients.isEmpty() || subject == null || body == null) {
      throw new ActionFailure("send_email: to, subject and body are required");
    }
    String renderedSubject = Templates.text(String.valueOf(subject), vars);
    MailServer server;
    try {
      server = MailServer.of(c);
    } catch (IllegalArgumentException e) {
      throw new ActionFailure("send_email: " + e.getMessage());
    }
    Mail.send(server, recipients, renderedSubject, Templates.text(String.valueOf(body), vars));
    return Map.of("to", recipients, "subject", renderedSubject);
  }
}
