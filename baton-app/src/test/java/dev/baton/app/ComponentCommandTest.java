package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.component.FsmState;
import dev.baton.component.SimulatedComponent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code baton component simulate}: fake components on real ports, told to fault over HTTP. */
class ComponentCommandTest {
  @Test
  void simulatedComponentsListenAndCanBeToldToFault() throws Exception {
    List<SimulatedComponent> sims =
        ComponentCommand.Simulate.start(
            List.of("io:0", "feeder:0"), "127.0.0.1", Duration.ZERO, List.of("feeder"));
    try {
      assertThat(sims).extracting(SimulatedComponent::name).containsExactly("io", "feeder");
      assertThat(sims.get(1).state()).isEqualTo(FsmState.FAULT);
      var r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + sims.get(0).port() + "/event"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"source\":\"me\",\"event_type\":\"SIMULATE_FAULT\",\"data\":{\"message\":\"feeder1 jammed\"}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
      await().until(() -> sims.get(0).state() == FsmState.FAULT);
      assertThat(sims.get(0).errorMessage()).isEqualTo("feeder1 jammed");
    } finally {
      sims.forEach(SimulatedComponent::close);
    }
  }

  @Test
  void checkScenariosListsWhatLoadsAndWhatNot(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("ok.json"), "{\"name\": \"fine\", \"actions\": [{\"type\": \"log_event\"}]}");
    java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\"}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new CommandLine(new Main()).execute("component", "check-scenarios", dir.toString());
    } finally {
      System.setOut(old);
    }
    assertThat(code).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("ok      fine (priority 0, automatic, 1 actions)")
        .contains("problem " + dir.resolve("bad.json") + ": 'actions' is required");
  }

  @Test
  void aBadSpecIsRefusedWithExitCode2() {
    assertThatThrownBy(() ->
            ComponentCommand.Simulate.start(List.of("io"), "127.0.0.1", Duration.ZERO, List.of()))
        .hasMessage("'io' is not NAME:PORT (e.g. io:8001; port 0 picks one)");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new Main()).execute("component", "simulate", "io:http");
      assertThat(code).isEqualTo(2);
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'io:http' is not NAME:PORT");
  }
}
