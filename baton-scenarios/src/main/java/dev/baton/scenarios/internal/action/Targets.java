package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.ComponentConfig;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.internal.Templates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The components an action addresses, with upstream's precedence: {@code target: "@all"}, else
 * {@code client} (a name or a list, templated), else {@code group} (templated), else {@code
 * groups}. The first selector present decides; duplicates are dropped.
 */
record Targets(
    boolean all, @Nullable Object client, @Nullable Object group, @Nullable List<String> groups) {

  static Targets read(Map<?, ?> action) {
    return new Targets(
        "@all".equals(action.get("target")),
        action.get("client"),
        action.get("group"),
        action.get("groups") instanceof Collection<?> g ? names(g) : null);
  }

  /**
   * The names the selector renders to now.
   *
   * @param singleClient {@code client} must render to one name
   * @throws ActionFailure when a named component is not configured, or nothing matches
   */
  List<String> resolve(Components components, Map<String, ?> vars, boolean singleClient)
      throws ActionFailure {
    Set<String> out = new LinkedHashSet<>();
    List<ComponentConfig> configs = components.configs();
    if (all) {
      configs.forEach(c -> out.add(c.name()));
    } else if (client != null) {
      Object rendered = Templates.render(client, vars);
      if (singleClient && !(rendered instanceof String)) {
        throw new ActionFailure("'client' must be one component name here, was " + rendered);
      }
      for (String name : names(rendered)) {
        if (components.config(name).isEmpty()) {
          throw new ActionFailure(
              "component '"
                  + name
                  + "' is not configured; known: "
                  + configs.stream().map(ComponentConfig::name).toList());
        }
        out.add(name);
      }
    } else if (group != null) {
      String g = String.valueOf(Templates.render(group, vars));
      configs.stream().filter(c -> c.group().equals(g)).forEach(c -> out.add(c.name()));
    } else if (groups != null) {
      Set<String> wanted = Set.copyOf(groups);
      configs.stream().filter(c -> wanted.contains(c.group())).forEach(c -> out.add(c.name()));
    }
    if (out.isEmpty()) {
      throw new ActionFailure(
          "Nie znaleziono komponentów docelowych (no target components: give target \"@all\","
              + " client, group or groups that match a configured component)");
    }
    return new ArrayList<>(out);
  }

  /** A name or a list of names, as text. */
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
