package dev.baton.definition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stored version of a definition. Versions of a name are numbered by the store from 1; the
 * content of a version never changes, only its status (and with it {@code updatedAt}).
 *
 * @param title the name people read (a CasareRPA workflow's {@code name}); the name by default
 * @param folder where it is filed, {@code a/b} ("" at the top)
 * @param contentHash {@link DefinitionContent#hash()} of the content
 * @param declaredVersion the version the content itself declares (a blueprint file's {@code
 *     version:}), recorded as given; null when it declares none. The store's number is the version.
 * @param createdBy who stored it: a client's name, {@code file:<name>} for a blueprints file
 */
public record Definition(
    String name,
    int version,
    DefinitionKind kind,
    DefinitionStatus status,
    String title,
    String description,
    List<String> tags,
    String folder,
    DefinitionContent content,
    String contentHash,
    @Nullable Integer declaredVersion,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public Definition {
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
  }

  /** How people name this version: {@code blueprint 'orders' version 3}. */
  public String describe() {
    return describe(kind, name, version);
  }

  public static String describe(DefinitionKind kind, String name, int version) {
    return kind.wireName() + " '" + name + "' version " + version;
  }

  /** The same version in another status, changed at {@code at}. */
  public Definition moved(DefinitionStatus to, Instant at) {
    return new Definition(
        name,
        version,
        kind,
        to,
        title,
        description,
        tags,
        folder,
        content,
        contentHash,
        declaredVersion,
        createdBy,
        createdAt,
        at);
  }
}
