package dev.baton.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A definition's source text as it was given (YAML or JSON), and its hash.
 *
 * <p>The hash is the SHA-256 (hex) of the normalised text: line ends made {@code \n}, spaces at the
 * ends of lines and blank lines at the start and end dropped. So a file saved by another editor
 * (CRLF, a trailing newline) hashes the same and makes no new version; any other change, even a
 * comment, does, since the text is what people read and diff.
 */
public record DefinitionContent(String text, ContentFormat format) {
  public DefinitionContent {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
  }

  public static DefinitionContent yaml(String text) {
    return new DefinitionContent(text, ContentFormat.YAML);
  }

  public static DefinitionContent json(String text) {
    return new DefinitionContent(text, ContentFormat.JSON);
  }

  /** The SHA-256 of the normalised text, 64 hex digits. */
  public String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(normalised(text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String normalised(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : lines) {
      out.append(line.stripTrailing()).append('\n');
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '\n') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '\n') {
      end--;
    }
    return out.substring(start, end);
  }
}
