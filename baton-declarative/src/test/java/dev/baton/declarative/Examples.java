package dev.baton.declarative;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/** Where the example blueprints of the tests are. */
final class Examples {
  private Examples() {}

  /** {@code src/test/resources/blueprints}, as copied to the test classpath. */
  static Path folder() {
    URL url = Objects.requireNonNull(Examples.class.getResource("/blueprints"));
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The getting-started folder of the repository, {@code examples/blueprints}. */
  static Path gettingStarted() {
    return Path.of("..", "examples", "blueprints");
  }
}
