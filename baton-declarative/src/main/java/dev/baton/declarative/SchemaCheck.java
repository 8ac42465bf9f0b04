package dev.baton.declarative;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a document against {@code baton-blueprint.schema.json} with networknt, and turns its
 * errors into problems that name the JSON pointer. The adapter is the only place that sees
 * networknt's {@code Error} class (which would clash with {@code java.lang.Error}).
 */
final class SchemaCheck {
  static final String RESOURCE = "/baton-blueprint.schema.json";

  private static final SchemaCheck INSTANCE = new SchemaCheck();

  private final String text;
  private final JsonNode tree;
  private final Schema schema;

  private SchemaCheck() {
    try (InputStream in =
        Objects.requireNonNull(
            SchemaCheck.class.getResourceAsStream(RESOURCE), RESOURCE + " is missing")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tree = JsonMapper.builder().build().readTree(text);
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree);
  }

  static SchemaCheck get() {
    return INSTANCE;
  }

  String text() {
    return text;
  }

  /** The problems of a document; empty when it is valid. */
  List<Problem> check(String file, JsonNode document) {
    Set<Problem> out = new LinkedHashSet<>();
    for (com.networknt.schema.Error e : schema.validate(document)) {
      if (e.getEvaluationPath().toString().contains("/oneOf/")) {
        continue; // a branch of a oneOf: the oneOf itself gets one clear message below
      }
      String pointer = e.getInstanceLocation().toString();
      out.add(new Problem(file, stateOf(pointer, e), pointer, message(e)));
    }
    return new ArrayList<>(out);
  }

  private String message(com.networknt.schema.Error e) {
    return switch (e.getKeyword()) {
      case "oneOf" -> oneOf(e);
      case "additionalProperties" -> unknownKey(e);
      default -> e.getMessage();
    };
  }

  /** Our oneOfs are all "exactly one of these keys": say which keys, and which were found. */
  private String oneOf(com.networknt.schema.Error e) {
    JsonNode branches = e.getSchemaNode();
    List<String> keys = new ArrayList<>();
    for (JsonNode branch : branches.values()) {
      JsonNode required = branch.path("required");
      if (required.size() != 1) {
        return e.getMessage();
      }
      keys.add(required.get(0).asString());
    }
    JsonNode instance = e.getInstanceNode();
    List<String> found = keys.stream().filter(k -> instance != null && instance.has(k)).toList();
    return found.isEmpty()
        ? "needs one of: " + String.join(", ", keys)
        : "may have only one of: "
            + String.join(", ", keys)
            + " (found "
            + String.join(" and ", found)
            + ")";
  }

  private String unknownKey(com.networknt.schema.Error e) {
    String location = e.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    String parent =
        pointer.endsWith("/additionalProperties")
            ? pointer.substring(0, pointer.length() - "/additionalProperties".length())
            : pointer;
    JsonNode properties = tree.at(parent).path("properties");
    String allowed =
        properties.isObject()
            ? " (allowed: " + String.join(", ", properties.propertyNames()) + ")"
            : "";
    return "unknown key '" + e.getProperty() + "'" + allowed;
  }

  private static @Nullable String stateOf(String pointer, com.networknt.schema.Error e) {
    if (pointer.equals("/states") && e.getKeyword().equals("propertyNames")) {
      return e.getProperty();
    }
    if (!pointer.startsWith("/states/")) {
      return null;
    }
    String rest = pointer.substring("/states/".length());
    int slash = rest.indexOf('/');
    String raw = slash < 0 ? rest : rest.substring(0, slash);
    return raw.replace("~1", "/").replace("~0", "~");
  }
}
