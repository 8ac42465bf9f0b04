package dev.baton.outbound;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which secret signs a job's webhooks: its client's own ({@code webhook_secret} in clients.toml),
 * else the server-wide one, else none (the webhook goes unsigned, exactly as Avtomatika sends it).
 *
 * @param byClient secrets by client name (the clients.toml section)
 * @param serverWide signs the webhooks of jobs whose client has none, or of jobs with no client
 */
public record WebhookSecrets(
    Map<String, WebhookSecret> byClient, @Nullable WebhookSecret serverWide) {
  /** Nothing is signed. */
  public static final WebhookSecrets NONE = new WebhookSecrets(Map.of(), null);

  public WebhookSecrets {
    byClient = Map.copyOf(byClient);
  }

  /** The secret for a job started by {@code client} (null: no client), or null to send unsigned. */
  @Nullable WebhookSecret forClient(@Nullable String client) {
    WebhookSecret own = client == null ? null : byClient.get(client);
    return own != null ? own : serverWide;
  }

  @Override
  public String toString() {
    return "WebhookSecrets["
        + byClient.size()
        + " client(s), server-wide: "
        + (serverWide != null)
        + "]";
  }
}
