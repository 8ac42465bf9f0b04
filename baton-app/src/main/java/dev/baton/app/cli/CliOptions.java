package dev.baton.app.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a server has. Each setting is taken from, in this order:
 * the flag, the environment ({@code BATON_SERVER}, or the older {@code BATON_URL}; {@code
 * BATON_TOKEN}; {@code BATON_OUTPUT}), the config file ({@link CliConfig#location}), the default.
 */
public final class CliOptions {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Baton's address. Default: env BATON_SERVER, then `server` in ~/.config/baton/cli.toml,"
              + " then "
              + DEFAULT_SERVER
              + ".")
  @Nullable String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Client token, when the server has a clients file (sent as X-Avtomatika-Token)."
              + " Default: env BATON_TOKEN, then `token` in the config file.")
  @Nullable String token;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "table (for people) or json (the server's answer as it is, for scripts). Default: env"
              + " BATON_OUTPUT, then `output` in the config file, then table.")
  @Nullable String output;

  /** How to print: a table or the JSON the server answered. */
  public enum Format {
    TABLE,
    JSON
  }

  /**
   * Where to connect and how to print, with where the address came from (for the message when it
   * cannot be reached).
   */
  public record Resolved(URI server, String serverOrigin, String token, Format output) {}

  /** Resolves the settings from the process's environment and the usual config file. */
  public Resolved resolve() {
    return resolve(System.getenv());
  }

  /**
   * @throws CliConfig.Problem when the config file, an address or a format cannot be used
   */
  Resolved resolve(Map<String, String> env) {
    CliConfig config = CliConfig.read(CliConfig.location(env));
    String url = DEFAULT_SERVER;
    String origin = "the default; set --server, BATON_SERVER or `server` in " + config.file();
    String fromEnv = env.get("BATON_SERVER");
    String legacy = env.get("BATON_URL");
    if (server != null) {
      url = server;
      origin = "from --server";
    } else if (fromEnv != null && !fromEnv.isBlank()) {
      url = fromEnv;
      origin = "from BATON_SERVER";
    } else if (legacy != null && !legacy.isBlank()) {
      url = legacy;
      origin = "from BATON_URL";
    } else if (config.server() != null) {
      url = config.server();
      origin = "from " + config.file();
    }
    String tok = first(token, env.get("BATON_TOKEN"), config.token(), "");
    String out = first(output, env.get("BATON_OUTPUT"), config.output(), "table");
    return new Resolved(address(url, origin), origin, tok, format(out));
  }

  private static URI address(String url, String origin) {
    String trimmed = url.strip().replaceAll("/+$", "");
    try {
      URI uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not http(s)://host[:port]");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliConfig.Problem(
          "'" + url + "' (" + origin + ") is not a server address such as http://localhost:8080");
    }
  }

  private static Format format(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "table" -> Format.TABLE;
      case "json" -> Format.JSON;
      default -> throw new CliConfig.Problem("--output: '" + text + "' is neither table nor json");
    };
  }

  private static String first(
      @Nullable String flag, @Nullable String env, @Nullable String file, String fallback) {
    for (String v : new @Nullable String[] {flag, env, file}) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return fallback;
  }
}
