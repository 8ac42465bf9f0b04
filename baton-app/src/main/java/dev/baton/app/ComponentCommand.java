package dev.baton.app;

import dev.baton.app.cli.CommandGroup;
import dev.baton.component.SimulatedComponent;
import dev.baton.scenarios.ScenarioFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton component ...}: tools for managed components. */
@Command(
    name = "component",
    description = "Managed components (avena services).",
    subcommands = {ComponentCommand.Simulate.class, ComponentCommand.CheckScenarios.class})
final class ComponentCommand extends CommandGroup {
  /** {@code baton component check-scenarios [folder]}: validates scenario files, for CI. */
  @Command(
      name = "check-scenarios",
      description =
          "Validate scenario files (*.json, *.yaml) in a folder, as the server loads them.")
  static final class CheckScenarios implements Callable<Integer> {
    @Parameters(paramLabel = "FOLDER", defaultValue = "scenarios", description = "the folder")
    java.nio.file.Path folder = java.nio.file.Path.of("scenarios");

    @Override
    public Integer call() {
      ScenarioFiles.Loaded loaded = ScenarioFiles.load(false, folder);
      loaded
          .scenarios()
          .forEach(sc ->
              System.out.println(
                  "ok      "
                      + sc.name()
                      + " (priority "
                      + sc.priority()
                      + ", "
                      + sc.triggerType()
                      + ", "
                      + sc.actions().size()
                      + " actions)"));
      loaded.problems().forEach(p -> System.out.println("problem " + p));
      return loaded.problems().isEmpty() ? 0 : 1;
    }
  }

  /**
   * {@code baton component simulate io:8001 supervisor_1:8002 ...}: fake services that follow the
   * avena FSM on {@code POST /event}, until interrupted. Tell one to fault with {@code
   * SIMULATE_FAULT}, to ignore commands with {@code SIMULATE_STUCK}.
   */
  @Command(
      name = "simulate",
      description = {
        "Run simulated components that speak the avena protocol (POST /event) until Ctrl-C.",
        "Make one fail: curl -d '{\"source\":\"me\",\"event_type\":\"SIMULATE_FAULT\","
            + "\"data\":{\"message\":\"feeder1 jammed\"}}' http://127.0.0.1:8001/event",
        "Make one ignore FSM commands: event_type SIMULATE_STUCK, data {\"stuck\": true}."
      })
  static final class Simulate implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Simulate.class);

    @Parameters(
        arity = "1..*",
        paramLabel = "NAME:PORT",
        description = "one component per argument, e.g. io:8001 supervisor_1:8002")
    List<String> components = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on")
    String host = "127.0.0.1";

    @Option(
        names = "--transition-ms",
        defaultValue = "200",
        description = "how long each FSM transition takes (default 200)")
    long transitionMillis = 200;

    @Option(names = "--fault", description = "start these components (by name) in FAULT")
    List<String> faulty = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      List<SimulatedComponent> running;
      try {
        running = start(components, host, Duration.ofMillis(transitionMillis), faulty);
      } catch (IllegalArgumentException | IllegalStateException e) {
        System.err.println("baton: " + e.getMessage());
        return 2;
      }
      running.forEach(c ->
          System.out.println(
              c.name() + " listening on http://" + host + ":" + c.port() + "/event"));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                log.info("stopping {} simulated component(s)", running.size());
                running.forEach(SimulatedComponent::close);
                stopped.countDown();
              }));
      stopped.await();
      return 0;
    }

    /**
     * Starts one simulated component per {@code NAME:PORT}; those named in {@code faulty} start in
     * FAULT. On a bad spec or a busy port the ones already started are closed.
     *
     * @throws IllegalArgumentException for a spec that is not NAME:PORT
     * @throws IllegalStateException when a port cannot be bound
     */
    static List<SimulatedComponent> start(
        List<String> specs, String host, Duration transition, List<String> faulty) {
      List<SimulatedComponent> running = new ArrayList<>();
      try {
        for (String spec : specs) {
          String[] parts = spec.split(":", -1);
          int port;
          try {
            port = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
          } catch (NumberFormatException e) {
            port = -1;
          }
          if (parts[0].isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                "'" + spec + "' is not NAME:PORT (e.g. io:8001; port 0 picks one)");
          }
          SimulatedComponent c = new SimulatedComponent(parts[0], transition);
          c.start(host, port);
          running.add(c);
          if (faulty.contains(parts[0])) {
            c.fault("simulated fault at start");
          }
        }
        return running;
      } catch (RuntimeException e) {
        running.forEach(SimulatedComponent::close);
        throw e;
      }
    }
  }
}
