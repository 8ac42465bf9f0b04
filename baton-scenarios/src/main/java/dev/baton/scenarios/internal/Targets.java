package dev.baton.scenarios.internal;

import dev.baton.scenarios.ComponentConfig;
import dev.baton.scenarios.Components;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The components an action addresses, with upstream's precedence: {@code target: "@all"}, else
 * {@code client} (a name or a list, templated), else {@code group}, else {@code groups}. The first
 * selector present decides; duplicates are dropped.
 */
final class Targets {
  private Targets() {}

  static List<String> of(
      Map<String, Object> action, Components components, Map<String, ?> vars, boolean singleClient)
      throws ActionFailure {
    Set<String> out = new LinkedHashSet<>();
    List<ComponentConfig> all = components.configs();
    if ("@all".equals(action.get("target"))) {
      all.forEach(c -> out.add(c.name()));
    } else if (action.get("client") != null) {
      Object client = Templates.render(action.get("client"), vars);
      if (singleClient && !(client instanceof String)) {
        throw new ActionFailure("'client' must be one component name here, was " + client);
      }
      for (String name : names(client)) {
        if (components.config(name).isEmpty()) {
          throw new ActionFailure(
              "component '"
                  + name
                  + "' is not configured; known: "
                  + all.stream().map(ComponentConfig::name).toList());
        }
        out.add(name);
      }
    } else if (action.get("group") != null) {
      String group = String.valueOf(Templates.render(action.get("group"), vars));
      all.stream().filter(c -> c.group().equals(group)).forEach(c -> out.add(c.name()));
    } else if (action.get("groups") instanceof Collection<?> groups) {
      Set<String> wanted = new LinkedHashSet<>();
      groups.forEach(g -> wanted.add(String.valueOf(g)));
      all.stream().filter(c -> wanted.contains(c.group())).forEach(c -> out.add(c.name()));
    }
    if (out.isEmpty()) {
      throw new ActionFailure(
          "Nie znaleziono komponentów docelowych (no target components: give target \"@all\","
              + " client, group or groups that match a configured component)");
    }
    return new ArrayList<>(out);
  }

  static List<String> names(@Nullable Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      c.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null) {
      out.add(String.valueOf(v));
    }
    return out;
  }
}
