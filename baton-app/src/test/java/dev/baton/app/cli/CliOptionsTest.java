package dev.baton.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the command line finds its server, token and format: flag, environment, file, default. */
class CliOptionsTest {
  @TempDir Path dir;

  Map<String, String> env(String... pairs) {
    Map<String, String> m = new java.util.HashMap<>();
    m.put("BATON_CLI_CONFIG", dir.resolve("cli.toml").toString());
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception {
    CliOptions none = new CliOptions();
    CliOptions.Resolved d = none.resolve(env());
    assertThat(d.server()).hasToString("http://localhost:8080");
    assertThat(d.serverOrigin()).startsWith("the default; set --server, BATON_SERVER or `server`");
    assertThat(d.token()).isEmpty();
    assertThat(d.output()).isEqualTo(CliOptions.Format.TABLE);

    Files.writeString(
        dir.resolve("cli.toml"),
        "server = \"http://file:1\"\ntoken = \"file-token\"\noutput = \"json\"\n");
    CliOptions.Resolved f = none.resolve(env());
    assertThat(f.server()).hasToString("http://file:1");
    assertThat(f.serverOrigin()).isEqualTo("from " + dir.resolve("cli.toml"));
    assertThat(f.token()).isEqualTo("file-token");
    assertThat(f.output()).isEqualTo(CliOptions.Format.JSON);

    CliOptions.Resolved e =
        none.resolve(
            env(
                "BATON_SERVER",
                "env:2/",
                "BATON_TOKEN",
                "env-token",
                "BATON_OUTPUT",
                "table",
                "BATON_URL",
                "http://older:3"));
    assertThat(e.server()).hasToString("http://env:2");
    assertThat(e.serverOrigin()).isEqualTo("from BATON_SERVER");
    assertThat(e.token()).isEqualTo("env-token");
    assertThat(e.output()).isEqualTo(CliOptions.Format.TABLE);
    assertThat(none.resolve(env("BATON_URL", "http://older:3")).server())
        .hasToString("http://older:3");

    CliOptions flags = new CliOptions();
    flags.server = "https://flag:4";
    flags.token = "flag-token";
    flags.output = "JSON";
    CliOptions.Resolved fl = flags.resolve(env("BATON_SERVER", "env:2", "BATON_TOKEN", "x"));
    assertThat(fl.server()).hasToString("https://flag:4");
    assertThat(fl.token()).isEqualTo("flag-token");
    assertThat(fl.output()).isEqualTo(CliOptions.Format.JSON);
  }

  @Test
  void aConfigFileWithAnUnknownKeyOrABadFormatIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("cli.toml"), "servr = \"http://x\"\n");
    assertThatThrownBy(() -> new CliOptions().resolve(env()))
        .hasMessage(
            dir.resolve("cli.toml") + ": unknown key 'servr'; expected server, token, output");
    Files.writeString(dir.resolve("cli.toml"), "output = \"yaml\"\n");
    assertThatThrownBy(() -> new CliOptions().resolve(env()))
        .hasMessage("--output: 'yaml' is neither table nor json");
    Files.writeString(dir.resolve("cli.toml"), "server = [\n");
    assertThatThrownBy(() -> new CliOptions().resolve(env()))
        .hasMessageContaining("not valid TOML");
  }

  @Test
  void withoutBatonCliConfigTheFileIsUnderXdgConfigHome() {
    assertThat(CliConfig.location(Map.of("XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x/baton/cli.toml"));
    assertThat(CliConfig.location(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "baton", "cli.toml"));
  }
}
