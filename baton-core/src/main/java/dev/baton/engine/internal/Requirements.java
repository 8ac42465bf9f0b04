package dev.baton.engine.internal;

import dev.baton.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Avtomatika's resource filter: {@code gpu_info.model} is a substring of the worker's GPU model,
 * {@code gpu_info.vram_gb} is at most the worker's, every {@code installed_models} entry (by name,
 * and by version when given) is installed on the worker. Baton adds CasareRPA's routing: every
 * {@code tags} entry is among the worker's {@code tags}, and every {@code capabilities} entry (a
 * list of names, or a map of name to wanted value) is a capability the worker announced.
 */
final class Requirements {
  private Requirements() {}

  static boolean met(Map<String, Object> required, Worker w) {
    if (required.isEmpty()) {
      return true;
    }
    Map<?, ?> resources = w.get("resources") instanceof Map<?, ?> m ? m : Map.of();
    if (required.get("gpu_info") instanceof Map<?, ?> gpu) {
      Map<?, ?> has = resources.get("gpu_info") instanceof Map<?, ?> g ? g : Map.of();
      if (gpu.get("model") instanceof String model
          && !(has.get("model") instanceof String hm && hm.contains(model))) {
        return false;
      }
      if (gpu.get("vram_gb") instanceof Number vram
          && !(has.get("vram_gb") instanceof Number hv && hv.doubleValue() >= vram.doubleValue())) {
        return false;
      }
    }
    if (required.get("tags") instanceof List<?> tags) {
      List<?> has = w.get("tags") instanceof List<?> l ? l : List.of();
      if (!has.containsAll(tags)) {
        return false;
      }
    }
    if (!capable(required.get("capabilities"), w.get("capabilities"))) {
      return false;
    }
    if (required.get("installed_models") instanceof List<?> models) {
      List<?> installed = w.get("installed_models") instanceof List<?> l ? l : List.of();
      for (Object model : models) {
        if (!installed.stream().anyMatch(i -> sameModel(model, i))) {
          return false;
        }
      }
    }
    return true;
  }

  /** A wanted {@code true} is met by any value but false and null; other values must be equal. */
  private static boolean capable(@Nullable Object wanted, @Nullable Object has) {
    Map<?, ?> caps = has instanceof Map<?, ?> m ? m : Map.of();
    if (wanted instanceof List<?> names) {
      return names.stream().allMatch(n -> present(caps.get(String.valueOf(n))));
    }
    if (wanted instanceof Map<?, ?> want) {
      return want.entrySet().stream()
          .allMatch(e ->
              Boolean.TRUE.equals(e.getValue())
                  ? present(caps.get(String.valueOf(e.getKey())))
                  : Objects.equals(e.getValue(), caps.get(String.valueOf(e.getKey()))));
    }
    return true;
  }

  private static boolean present(@Nullable Object v) {
    return v != null && !Boolean.FALSE.equals(v);
  }

  private static boolean sameModel(Object wanted, Object installed) {
    if (wanted instanceof String name) {
      return installed instanceof Map<?, ?> m && name.equals(m.get("name"));
    }
    if (wanted instanceof Map<?, ?> want && installed instanceof Map<?, ?> have) {
      return Objects.equals(want.get("name"), have.get("name"))
          && (want.get("version") == null
              || Objects.equals(want.get("version"), have.get("version")));
    }
    return false;
  }
}
