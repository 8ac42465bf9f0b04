package dev.baton.server.events;

import dev.baton.server.Client;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The channels a subscriber asked for ({@code ?channels=jobs,progress:<job_id>}), checked against
 * what its client may see: a client with the {@code client} role may have {@code jobs} and {@code
 * progress:<job_id>} and receives only the events of jobs it created; operators and admins may have
 * every channel and receive everything on them.
 */
public final class ChannelSelection {
  private static final Set<String> CLIENT_CHANNELS = Set.of("jobs", "progress");

  private final Set<String> channels;
  private final Client client;

  private ChannelSelection(Set<String> channels, Client client) {
    this.channels = channels;
    this.client = client;
  }

  /**
   * Parses a comma-separated list; null or absent means every channel the client may have (every
   * job's progress included).
   *
   * @throws ApiError 400 naming an unknown or malformed channel, 403 for one the role may not have
   */
  public static ChannelSelection parse(@Nullable String raw, Client client) {
    if (raw == null) {
      Set<String> all = new LinkedHashSet<>();
      for (Channel c : Channel.values()) {
        if (allowed(c.wireName(), client)) {
          all.add(c.wireName());
        }
      }
      return new ChannelSelection(all, client);
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String part : raw.split(",", -1)) {
      String name = part.strip();
      String kind = kindOf(name);
      if (!known(kind) || (kind.equals("progress") && name.length() <= "progress:".length())) {
        throw ApiError.badRequest(
            "query parameter 'channels' has an unknown channel '"
                + QueryParams.printable(name)
                + "'; expected a comma-separated list of jobs, robots, progress:<job_id>,"
                + " schedules, components, ledger");
      }
      if (!allowed(kind, client)) {
        throw ApiError.forbidden(
            "Forbidden: client '"
                + client.name()
                + "' has the role client; the channel "
                + kind
                + " needs operator");
      }
      chosen.add(name);
    }
    return new ChannelSelection(chosen, client);
  }

  private static String kindOf(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  private static boolean known(String kind) {
    for (Channel c : Channel.values()) {
      if (c.wireName().equals(kind)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allowed(String kind, Client client) {
    return client.role() != Role.CLIENT || CLIENT_CHANNELS.contains(kind);
  }

  /** The channels, as asked for. */
  public List<String> channels() {
    return new ArrayList<>(channels);
  }

  /** Takes the events on the chosen channels that the client may see. */
  public Predicate<ServerEvent> filter() {
    boolean own = client.role() == Role.CLIENT;
    String name = client.name();
    return e -> {
      // Without allocating: this runs for every subscriber on every event.
      boolean on =
          channels.contains(e.channel())
              || (e.channel().startsWith("progress:") && channels.contains("progress"));
      return on && (!own || name.equals(e.owner()));
    };
  }
}
