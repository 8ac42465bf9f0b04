package dev.baton.scenarios.condition;

import static dev.baton.scenarios.condition.ConditionParser.need;

import dev.baton.scenarios.ComponentStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code virtual_device_error}: a failed virtual device of {@code client}'s IO server whose name
 * contains {@code device_pattern}; puts it into the context as {@code virtual_device}, and the
 * digits its name ends with as {@code extract_id_to}.
 */
record VirtualDeviceError(String client, String pattern, @Nullable String extractIdTo)
    implements Condition {
  private static final Pattern TRAILING_DIGITS = Pattern.compile("(\\d+)$");

  static Condition parse(Map<?, ?> b) {
    return new VirtualDeviceError(
        String.valueOf(need(b, "client", "virtual_device_error")),
        String.valueOf(need(b, "device_pattern", "virtual_device_error")),
        b.get("extract_id_to") == null ? null : String.valueOf(b.get("extract_id_to")));
  }

  @Override
  public boolean test(Situation s, Databases databases) {
    ComponentStatus c =
        s.clients().stream().filter(x -> x.name().equals(client)).findFirst().orElse(null);
    if (c == null) {
      return false;
    }
    Object io = c.state().get("io_server");
    Object failed = io instanceof Map<?, ?> m ? m.get("failed_virtual_devices") : null;
    Collection<?> devices =
        failed instanceof Map<?, ?> fm ? fm.keySet() : failed instanceof List<?> l ? l : List.of();
    for (Object d : devices) {
      String device = String.valueOf(d);
      if (device.contains(pattern)) {
        if (extractIdTo != null) {
          Matcher digits = TRAILING_DIGITS.matcher(device);
          if (digits.find()) {
            s.context().put(extractIdTo, Long.parseLong(digits.group(1)));
          }
        }
        s.context().put("virtual_device", device);
        return true;
      }
    }
    return false;
  }
}
