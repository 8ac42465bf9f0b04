package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
    Path file = dir.resolve("baton.toml");
    Files.writeString(file, "api_port = 9000\njob_max_retries = 7\napi_host = \"127.0.0.1\"\n");
    Settings s =
        Settings.resolve(
            Map.of(Setting.API_PORT, "9100"),
            Map.of("API_PORT", "9200", "JOB_MAX_RETRIES", "5"),
            file);
    assertThat(s.number(Setting.API_PORT, 0, 65535)).isEqualTo(9100);
    assertThat(s.source(Setting.API_PORT)).isEqualTo("flag --port");
    assertThat(s.number(Setting.JOB_MAX_RETRIES, 0, 100)).isEqualTo(5);
    assertThat(s.source(Setting.JOB_MAX_RETRIES)).isEqualTo("environment variable JOB_MAX_RETRIES");
    assertThat(s.text(Setting.API_HOST)).isEqualTo("127.0.0.1");
    assertThat(s.text(Setting.GLOBAL_WORKER_TOKEN)).isEqualTo("secure-worker-token");
    assertThat(s.source(Setting.GLOBAL_WORKER_TOKEN)).isEqualTo("default");
  }

  @Test
  void aBadValueNamesItsSourceAndKey() {
    Settings s = Settings.resolve(Map.of(), Map.of("API_PORT", "eighty"), null);
    assertThatThrownBy(() -> s.number(Setting.API_PORT, 0, 65535))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessage("environment variable API_PORT: 'eighty' is not a whole number");
    Settings range = Settings.resolve(Map.of(Setting.API_PORT, "70000"), Map.of(), null);
    assertThatThrownBy(() -> range.number(Setting.API_PORT, 0, 65535))
        .hasMessage("flag --port: 70000 is out of range [0, 65535]");
  }

  @Test
  void aBrokenOrMisspelledConfigFileStopsStartup() throws Exception {
    Path broken = dir.resolve("broken.toml");
    Files.writeString(broken, "api_port = = 3\n");
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), broken))
        .hasMessageStartingWith(broken + ": not valid TOML");
    Path typo = dir.resolve("typo.toml");
    Files.writeString(typo, "api_prot = 3\n");
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), typo))
        .hasMessageStartingWith(typo + ": unknown key 'api_prot'; known keys: [api_host, api_port");
    assertThatThrownBy(() -> Settings.resolve(Map.of(), Map.of(), dir.resolve("missing.toml")))
        .hasMessageContaining("does not exist");
  }
}
