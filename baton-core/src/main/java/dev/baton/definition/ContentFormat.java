package dev.baton.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The language a definition's content is written in, kept so it is shown as it was given. */
public enum ContentFormat {
  YAML,
  JSON;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ContentFormat> fromWire(String s) {
    return Arrays.stream(values()).filter(f -> f.wireName().equals(s)).findFirst();
  }
}
