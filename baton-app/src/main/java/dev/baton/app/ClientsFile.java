package dev.baton.app;

import dev.baton.app.Settings.ConfigException;
import dev.baton.outbound.WebhookSecret;
import dev.baton.server.Client;
import dev.baton.server.Role;
import dev.baton.server.access.TokenClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Avtomatika's {@code clients.toml}: each {@code [section]} is one client, and its name is the
 * client's label.
 *
 * <ul>
 *   <li>{@code token}: a string, required;
 *   <li>{@code plan}: a string, default {@code "unknown"};
 *   <li>{@code params}: a table of custom values, which blueprints see as {@code client.params};
 *   <li>{@code monthly_attempts}: a whole number, the monthly quota. A client without it is refused
 *       every request, as upstream;
 *   <li>{@code role}: {@code client} (the default), {@code operator} or {@code admin}; which routes
 *       each may use is {@code RouteTable} (Baton's own key; upstream has no roles);
 *   <li>{@code webhook_secret}: signs the webhooks of the client's jobs ({@link WebhookSecret}:
 *       {@code whsec_<base64>} or 32+ characters; Baton's own key). Never logged or shown, and no
 *       error message repeats it.
 * </ul>
 *
 * Other keys are ignored with a warning (upstream keeps them, but handlers never see them). Any
 * problem stops the server; the message names the file, the section and the key.
 */
final class ClientsFile {
  private static final Logger log = LoggerFactory.getLogger(ClientsFile.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ClientsFile() {}

  /** What clients.toml holds: the clients, and the webhook secrets of those that have one. */
  record Parsed(List<TokenClients.Entry> clients, Map<String, WebhookSecret> webhookSecrets) {}

  /**
   * @throws ConfigException naming the file, section and key of the first problem
   */
  static List<TokenClients.Entry> read(Path file) {
    return parse(file).clients();
  }

  /**
   * @throws ConfigException naming the file, section and key of the first problem
   */
  static Parsed parse(Path file) {
    List<TokenClients.Entry> out = new ArrayList<>();
    Map<String, WebhookSecret> secrets = new LinkedHashMap<>();
    Map<String, String> sectionByToken = new HashMap<>();
    for (Map.Entry<String, JsonNode> s : TomlFiles.sections(file, "client").entrySet()) {
      String name = s.getKey();
      JsonNode section = s.getValue();
      String where = file + " [" + name + "]";
      String token = token(section.get("token"), where);
      String same = sectionByToken.putIfAbsent(token, name);
      if (same != null) {
        throw new ConfigException(where + " token: the same token as [" + same + "]");
      }
      String plan = plan(section.get("plan"), where);
      Map<String, Object> params = params(section.get("params"), where);
      Long attempts = monthlyAttempts(section.get("monthly_attempts"), where);
      Role role = role(section.get("role"), where);
      WebhookSecret secret = webhookSecret(section.get("webhook_secret"), where);
      if (secret != null) {
        secrets.put(name, secret);
      }
      for (String key : section.propertyNames()) {
        if (!KEYS.contains(key)) {
          log.warn("{} {}: ignored; custom values belong in the client's params table", where, key);
        }
      }
      if (attempts == null) {
        log.warn(
            "{}: no monthly_attempts, so every request of this client is refused with 429", where);
      }
      out.add(new TokenClients.Entry(token, new Client(name, plan, params, attempts, role)));
    }
    return new Parsed(out, secrets);
  }

  private static final List<String> KEYS =
      List.of("token", "plan", "params", "monthly_attempts", "role", "webhook_secret");

  /** The value is never put in a message: it is a secret even when it is a bad one. */
  private static @Nullable WebhookSecret webhookSecret(@Nullable JsonNode v, String where) {
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      throw new ConfigException(where + " webhook_secret: is not a string");
    }
    try {
      return WebhookSecret.parse(v.asString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + " webhook_secret: " + e.getMessage());
    }
  }

  private static String token(@Nullable JsonNode v, String where) {
    if (v == null) {
      throw new ConfigException(where + " token: missing; every client needs a string token");
    }
    if (!v.isString()) {
      throw new ConfigException(where + " token: " + TomlFiles.shown(v) + " is not a string");
    }
    if (v.asString().isEmpty()) {
      throw new ConfigException(where + " token: is empty");
    }
    return v.asString();
  }

  private static Role role(@Nullable JsonNode v, String where) {
    if (v == null) {
      return Role.CLIENT;
    }
    if (!v.isString()) {
      throw new ConfigException(where + " role: " + TomlFiles.shown(v) + " is not a string");
    }
    try {
      return Role.parse(v.asString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + " role: " + e.getMessage());
    }
  }

  private static String plan(@Nullable JsonNode v, String where) {
    if (v == null) {
      return "unknown";
    }
    if (!v.isString()) {
      throw new ConfigException(where + " plan: " + TomlFiles.shown(v) + " is not a string");
    }
    return v.asString();
  }

  private static Map<String, Object> params(@Nullable JsonNode v, String where) {
    if (v == null) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new ConfigException(
          where + " params: " + TomlFiles.shown(v) + " is not a table, e.g. params = { a = 1 }");
    }
    Map<String, Object> m = TomlFiles.TOML.convertValue(v, MAP);
    return m == null ? Map.of() : new LinkedHashMap<>(m);
  }

  private static @Nullable Long monthlyAttempts(@Nullable JsonNode v, String where) {
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw new ConfigException(
          where + " monthly_attempts: " + TomlFiles.shown(v) + " is not a whole number");
    }
    if (!v.canConvertToLong() || v.asLong() < 0) {
      throw new ConfigException(
          where
              + " monthly_attempts: "
              + TomlFiles.shown(v)
              + " must be between 0 and "
              + Long.MAX_VALUE);
    }
    return v.asLong();
  }
}
