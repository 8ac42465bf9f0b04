package dev.baton.scenarios.condition;

import dev.baton.scenarios.ComponentStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * {@code error_message}: a component's error message matches {@code pattern} ({@code mode}
 * contains, starts_with, exact or regex; case-insensitive unless {@code case_sensitive}), among the
 * components in FAULT ({@code fault_clients_only}, the default), those reporting an error ({@code
 * error_clients_only}) or all ({@code all_clients}). The first match puts {@code error_message} and
 * {@code error_client} into the context, and a regex's groups named in {@code extract_to_context}.
 */
record ErrorMessage(
    Mode mode,
    String pattern,
    @Nullable Pattern regex,
    boolean caseSensitive,
    boolean faultOnly,
    boolean errorOnly,
    boolean all,
    Map<String, Object> extract)
    implements Condition {

  enum Mode {
    CONTAINS,
    STARTS_WITH,
    EXACT,
    REGEX
  }

  static Condition parse(Map<?, ?> b) {
    String mode = String.valueOf(b.get("mode") == null ? "contains" : b.get("mode"));
    if (b.get("pattern") == null) {
      throw new ConditionException("error_message needs a pattern");
    }
    String pattern = String.valueOf(b.get("pattern"));
    boolean caseSensitive = Boolean.TRUE.equals(b.get("case_sensitive"));
    Pattern regex = null;
    Mode m;
    switch (mode) {
      case "regex" -> {
        try {
          regex = Pattern.compile(pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
          throw new ConditionException("error_message: bad regex: " + e.getDescription());
        }
        m = Mode.REGEX;
      }
      case "contains" -> m = Mode.CONTAINS;
      case "starts_with" -> m = Mode.STARTS_WITH;
      case "exact" -> m = Mode.EXACT;
      default ->
          throw new ConditionException(
              "error_message: unknown mode '"
                  + mode
                  + "'; use contains, starts_with, regex or exact");
    }
    Map<String, Object> extract = new LinkedHashMap<>();
    if (b.get("extract_to_context") instanceof Map<?, ?> wanted) {
      wanted.forEach((k, v) -> extract.put(String.valueOf(k), v == null ? "null" : v));
    }
    return new ErrorMessage(
        m,
        caseSensitive ? pattern : pattern.toLowerCase(Locale.ROOT),
        regex,
        caseSensitive,
        !Boolean.FALSE.equals(b.get("fault_clients_only")),
        Boolean.TRUE.equals(b.get("error_clients_only")),
        Boolean.TRUE.equals(b.get("all_clients")),
        extract);
  }

  @Override
  public boolean test(Situation s, Databases databases) {
    for (ComponentStatus c : s.clients()) {
      if (!all && faultOnly && !"FAULT".equals(c.fsmState())) {
        continue;
      }
      if (!all && errorOnly && !c.error()) {
        continue;
      }
      String message = c.errorMessage();
      if (message != null && matches(message, s.context())) {
        s.context().put("error_message", message);
        s.context().put("error_client", c.name());
        return true;
      }
    }
    return false;
  }

  private boolean matches(String message, Map<String, Object> context) {
    if (regex != null) {
      Matcher m = regex.matcher(message);
      if (m.find()) {
        extract(m, context);
        return true;
      }
      return false;
    }
    String text = caseSensitive ? message : message.toLowerCase(Locale.ROOT);
    return switch (mode) {
      case STARTS_WITH -> text.startsWith(pattern);
      case EXACT -> text.equals(pattern);
      default -> text.contains(pattern);
    };
  }

  private void extract(Matcher m, Map<String, Object> context) {
    extract.forEach((var, group) -> {
      String value;
      try {
        value = group instanceof Number n ? m.group(n.intValue()) : m.group(String.valueOf(group));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new ConditionException("error_message: no regex group " + group);
      }
      if (value != null) {
        context.put(var, intOrText(value));
      }
    });
  }

  private static Object intOrText(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
