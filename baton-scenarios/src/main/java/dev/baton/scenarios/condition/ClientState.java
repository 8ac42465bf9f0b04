package dev.baton.scenarios.condition;

import dev.baton.scenarios.ComponentStatus;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code client_state}: the first form present decides: {@code any_service_in_state}, {@code
 * no_service_in_state}, {@code all_services_in_state} (each over the components not in {@code
 * exclude_clients}), or one {@code client} in one {@code state}.
 */
record ClientState(Form form, Set<String> states, Set<String> excluded, String client)
    implements Condition {

  enum Form {
    ANY,
    NONE,
    ALL,
    ONE
  }

  static Condition parse(Map<?, ?> b) {
    Set<String> excluded = names(b.get("exclude_clients"));
    if (b.get("any_service_in_state") != null) {
      return new ClientState(Form.ANY, names(b.get("any_service_in_state")), excluded, "");
    }
    if (b.get("no_service_in_state") != null) {
      return new ClientState(Form.NONE, names(b.get("no_service_in_state")), excluded, "");
    }
    if (b.get("all_services_in_state") != null) {
      return new ClientState(Form.ALL, names(b.get("all_services_in_state")), excluded, "");
    }
    if (b.get("client") != null && b.get("state") != null) {
      return new ClientState(
          Form.ONE,
          Set.of(String.valueOf(b.get("state"))),
          excluded,
          String.valueOf(b.get("client")));
    }
    throw new ConditionException(
        "client_state needs any_service_in_state, no_service_in_state, all_services_in_state, or"
            + " client and state");
  }

  static Set<String> names(@Nullable Object v) {
    Set<String> out = new HashSet<>();
    if (v instanceof Collection<?> c) {
      c.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null) {
      out.add(String.valueOf(v));
    }
    return Set.copyOf(out);
  }

  @Override
  public boolean test(Situation s, Databases databases) {
    List<ComponentStatus> clients =
        s.clients().stream().filter(c -> !excluded.contains(c.name())).toList();
    return switch (form) {
      case ANY -> clients.stream().anyMatch(this::inState);
      case NONE -> clients.stream().noneMatch(this::inState);
      case ALL -> {
        List<ComponentStatus> known = clients.stream().filter(c -> c.fsmState() != null).toList();
        yield !known.isEmpty() && known.stream().allMatch(this::inState);
      }
      // The one-client form looks at every component, excluded or not, as upstream.
      case ONE -> s.clients().stream().anyMatch(c -> c.name().equals(client) && inState(c));
    };
  }

  private boolean inState(ComponentStatus c) {
    return c.fsmState() != null && states.contains(c.fsmState());
  }
}
