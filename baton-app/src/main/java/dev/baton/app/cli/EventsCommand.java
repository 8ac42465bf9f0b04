package dev.baton.app.cli;

import dev.baton.component.EventSender;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code baton events send}: an avena event to the server's {@code POST /event}. */
@Command(
    name = "events",
    description = "Send avena events to the server, as a component would.",
    subcommands = {EventsCommand.Send.class})
public final class EventsCommand extends CommandGroup {
  @Command(
      name = "send",
      description = {
        "Send one avena event to POST /event. The server takes it from a loopback address, or"
            + " with the sending component's secret (--secret).",
        "Example: baton events send --type EXECUTE_SCENARIO"
            + " --data '{\"scenario_name\":\"restart feeder\"}'"
      })
  static final class Send extends ApiCommand {
    @Option(
        names = "--type",
        required = true,
        paramLabel = "EVENT_TYPE",
        description =
            "the"
                + " event_type: EXECUTE_SCENARIO, CMD_ACK, or one an event-triggered scenario waits for")
    String type = "";

    @Option(
        names = "--source",
        paramLabel = "NAME",
        defaultValue = "baton-cli",
        description = "who sends it: a component's name to speak for it (default ${DEFAULT-VALUE})")
    String source = "baton-cli";

    @Option(
        names = "--destination",
        paramLabel = "NAME",
        defaultValue = "orchestrator",
        description = "the destination (default ${DEFAULT-VALUE})")
    String destination = "orchestrator";

    @Option(
        names = "--data",
        paramLabel = "JSON",
        description = "a JSON object (or @file): the event's data")
    @Nullable String data;

    @Option(
        names = "--secret",
        paramLabel = "SECRET",
        defaultValue = "${env:BATON_COMPONENT_SECRET:-}",
        description =
            "the secret of the component named by --source, when it has one (sent as"
                + " X-Baton-Component-Secret; env BATON_COMPONENT_SECRET)")
    String secret = "";

    @Override
    protected int run(Api api, Printer out) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("source", source);
      event.put("destination", destination);
      event.put("event_type", type);
      Map<String, Object> d = JsonArgs.object("--data", data);
      event.put("data", d == null ? Map.of() : d);
      Map<String, String> headers =
          secret.isBlank() ? Map.of() : Map.of(EventSender.SECRET_HEADER, secret);
      JsonNode answer = api.send("POST", "/event", event, headers);
      out.object(answer);
      return 0;
    }
  }
}
