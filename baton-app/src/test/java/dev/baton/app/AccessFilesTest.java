package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.Client;
import dev.baton.server.WorkerAuth.Verdict;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Avtomatika's clients.toml and workers.toml: the shipped samples, and every mistake. */
class AccessFilesTest {
  @TempDir Path dir;

  static Path sample(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(AccessFilesTest.class.getResource("/avtomatika/" + name)).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  // ---- clients.toml

  @Test
  void theExampleClientsLoad() {
    List<TokenClients.Entry> clients = ClientsFile.read(sample("example_clients.toml"));
    assertThat(clients).hasSize(2);
    Client vip = clients.get(0).client();
    assertThat(vip.name()).isEqualTo("client_vip");
    assertThat(vip.plan()).isEqualTo("vip");
    assertThat(vip.params()).isEqualTo(Map.of("features", List.of("all")));
    assertThat(vip.monthlyAttempts()).isEqualTo(10000L);
    assertThat(clients.get(0).token()).isEqualTo("user_token_vip");
    Client limited = clients.get(1).client();
    assertThat(limited.name()).isEqualTo("limited-client");
    assertThat(limited.monthlyAttempts()).isEqualTo(2L);
    assertThat(limited.params())
        .isEqualTo(Map.of("languages", List.of("en"), "features", List.of("basic_transcode")));
  }

  @Test
  void theTestClientsLoad() {
    List<TokenClients.Entry> clients = ClientsFile.read(sample("tests_clients.toml"));
    assertThat(clients)
        .extracting(e -> e.client().name())
        .containsExactly("test_client_vip", "test_client_regular");
    assertThat(clients.get(0).client().plan()).isEqualTo("premium");
    assertThat(clients.get(1).client().monthlyAttempts()).isEqualTo(50L);
  }

  @Test
  void optionalKeysHaveDefaultsAndUnknownKeysAreIgnored() throws Exception {
    Path f =
        write(
            "clients.toml",
            """
            [bare]
            token = "t"
            region = "eu"
            """);
    Client c = ClientsFile.read(f).get(0).client();
    assertThat(c.plan()).isEqualTo("unknown");
    assertThat(c.params()).isEmpty();
    assertThat(c.monthlyAttempts()).isNull();
  }

  @Test
  void anEmptyFileHasNoClients() throws Exception {
    assertThat(ClientsFile.read(write("clients.toml", "# nobody yet\n"))).isEmpty();
  }

  @Test
  void aBadValueNamesTheFileTheSectionAndTheKey() throws Exception {
    assertClientsError(
        """
        [limited-client]
        token = "x"
        monthly_attempts = "two"
        """,
        "[limited-client] monthly_attempts: \"two\" is not a whole number");
    assertClientsError(
        "[a]\ntoken = \"x\"\nmonthly_attempts = 2.5\n",
        "[a] monthly_attempts: 2.5 is not a whole number");
    assertClientsError(
        "[a]\ntoken = \"x\"\nmonthly_attempts = -1\n",
        "[a] monthly_attempts: -1 must be between 0 and 9223372036854775807");
    assertClientsError(
        "[a]\nplan = \"basic\"\n", "[a] token: missing; every client needs a string token");
    assertClientsError("[a]\ntoken = 42\n", "[a] token: 42 is not a string");
    assertClientsError("[a]\ntoken = \"\"\n", "[a] token: is empty");
    assertClientsError("[a]\ntoken = \"x\"\nplan = 3\n", "[a] plan: 3 is not a string");
    assertClientsError(
        "[a]\ntoken = \"x\"\nparams = \"en\"\n",
        "[a] params: \"en\" is not a table, e.g. params = { a = 1 }");
    assertClientsError(
        "[a]\ntoken = \"x\"\n[b]\ntoken = \"x\"\n", "[b] token: the same token as [a]");
  }

  @Test
  void aBrokenClientsFileStopsTheStart() throws Exception {
    Path broken = write("clients.toml", "[a]\ntoken = = \"x\"\n");
    assertThatThrownBy(() -> ClientsFile.read(broken))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageStartingWith(broken + ": not valid TOML");
    Path flat = write("flat.toml", "token = \"x\"\n");
    assertThatThrownBy(() -> ClientsFile.read(flat))
        .hasMessage(flat + ": 'token' is not a table: each client is a [section], e.g. [token]");
    assertThatThrownBy(() -> ClientsFile.read(dir.resolve("missing.toml")))
        .hasMessage(dir.resolve("missing.toml") + " does not exist");
  }

  private void assertClientsError(String toml, String expected) throws Exception {
    Path f = write("clients.toml", toml);
    assertThatThrownBy(() -> ClientsFile.read(f))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage(f + " " + expected);
  }

  // ---- workers.toml

  @Test
  void theExampleWorkersLoad() {
    assertThat(WorkersFile.read(sample("example_workers.toml")))
        .containsExactly(
            Map.entry("gpu-worker-01", "super-secret-gpu-worker-token"),
            Map.entry("cpu-worker-01", "super-secret-cpu-worker-token"),
            Map.entry("cpu-worker-02", "super-secret-cpu-worker-token-2"));
  }

  @Test
  void aWorkerWithoutATokenIsSkippedAndOtherKeysAreIgnored() throws Exception {
    Path f =
        write(
            "workers.toml",
            """
            [no-token]
            description = "uses the global token"

            [gpu]
            token = "g"
            supported_tasks = ["render"]
            """);
    assertThat(WorkersFile.read(f)).containsExactly(Map.entry("gpu", "g"));
  }

  @Test
  void aMalformedWorkersFileNamesTheProblem() throws Exception {
    Path flat = write("workers.toml", "gpu = \"token\"\n");
    assertThatThrownBy(() -> WorkersFile.read(flat))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage(flat + ": 'gpu' is not a table: each worker is a [section], e.g. [gpu]");
    Path number = write("workers2.toml", "[gpu]\ntoken = 7\n");
    assertThatThrownBy(() -> WorkersFile.read(number))
        .hasMessage(number + " [gpu] token: 7 is not a string");
    Path broken = write("workers3.toml", "[gpu\ntoken = \"x\"\n");
    assertThatThrownBy(() -> WorkersFile.read(broken))
        .hasMessageStartingWith(broken + ": not valid TOML");
  }

  @Test
  void aReloadReadsTheFileAgainAndAMalformedOneKeepsTheOldTokens() throws Exception {
    Path f = write("workers.toml", "[gpu]\ntoken = \"first\"\n");
    WorkerTokens tokens = new WorkerTokens("global", () -> WorkersFile.read(f));
    assertThat(tokens.check("first", "gpu")).isEqualTo(new Verdict.Individual("gpu"));

    Files.writeString(f, "[gpu]\ntoken = \"second\"\n[cpu]\ntoken = \"c\"\n");
    assertThat(tokens.reload()).isEqualTo(2);
    assertThat(tokens.check("first", "gpu")).isInstanceOf(Verdict.Refused.class);
    assertThat(tokens.check("second", "gpu")).isEqualTo(new Verdict.Individual("gpu"));
    assertThat(tokens.check("c", "cpu")).isEqualTo(new Verdict.Individual("cpu"));

    Files.writeString(f, "[gpu\ntoken = \"third\"\n");
    assertThatThrownBy(tokens::reload)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(f + ": not valid TOML");
    assertThat(tokens.check("second", "gpu")).isEqualTo(new Verdict.Individual("gpu"));
    assertThat(tokens.size()).isEqualTo(2);

    Files.delete(f);
    assertThatThrownBy(tokens::reload).hasMessage(f + " does not exist");
    assertThat(tokens.check("global", "other")).isEqualTo(new Verdict.Global());
  }
}
