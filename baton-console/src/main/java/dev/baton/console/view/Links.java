package dev.baton.console.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A name put in a link's path. Scenario names are free text ("Uruchomienie wszystkich usług systemu
 * (@all)"), so a {@code /}, {@code ?} or {@code #} in one must not end its segment.
 */
public final class Links {
  private Links() {}

  public static String segment(String name) {
    // URLEncoder writes a space as '+', which a path keeps as a plus.
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
