package dev.baton.app.definition;

import dev.baton.definition.Definition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** How a stored definition version looks on the wire: snake_case, ISO-8601 instants. */
final class DefinitionViews {
  private DefinitionViews() {}

  /** A version without its content, for lists. */
  static Map<String, @Nullable Object> summary(Definition d) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("version", d.version());
    m.put("kind", d.kind().wireName());
    m.put("status", d.status().wireName());
    m.put("title", d.title());
    m.put("description", d.description());
    m.put("tags", d.tags());
    m.put("folder", d.folder());
    m.put("format", d.content().format().wireName());
    m.put("content_hash", d.contentHash());
    m.put("declared_version", d.declaredVersion());
    m.put("created_by", d.createdBy());
    m.put("created_at", d.createdAt().toString());
    m.put("updated_at", d.updatedAt().toString());
    return m;
  }

  /** A version with its content as text, as it was given. */
  static Map<String, @Nullable Object> full(Definition d) {
    Map<String, @Nullable Object> m = summary(d);
    m.put("content", d.content().text());
    return m;
  }
}
