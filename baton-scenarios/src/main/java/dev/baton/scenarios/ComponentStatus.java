package dev.baton.scenarios;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Baton knows of a component: its last reported FSM state ({@code null} until it first
 * answers), its error, and why it shows as UNKNOWN when it does.
 *
 * @param reason why the state is unknown or stale ("unreachable: Connection refused", "no reply
 *     yet"); null while the component answers
 * @param lastSeen when its last CMD_GET_STATE reply arrived
 * @param state the service's own {@code state} object from that reply
 */
public record ComponentStatus(
    String name,
    String group,
    String address,
    int port,
    @Nullable String fsmState,
    boolean error,
    @Nullable String errorMessage,
    @Nullable String reason,
    @Nullable Instant lastSeen,
    Map<String, Object> state) {

  public ComponentStatus {
    state = Map.copyOf(state);
  }

  /** The state as shown: the reported one, or {@code UNKNOWN}. */
  public String shownState() {
    return fsmState == null ? "UNKNOWN" : fsmState;
  }

  /** As JSON: name, group, address, port, fsm_state, error, error_message, reason, last_seen. */
  public Map<String, @Nullable Object> toMap() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("group", group);
    m.put("address", address);
    m.put("port", port);
    m.put("fsm_state", shownState());
    m.put("error", error);
    m.put("error_message", errorMessage);
    m.put("reason", reason);
    m.put("last_seen", lastSeen == null ? null : lastSeen.toString());
    m.put("state", state);
    return m;
  }
}
