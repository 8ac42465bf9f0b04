package dev.baton.definition;

import org.jspecify.annotations.Nullable;

/**
 * Which versions to list; every filter is optional and they combine with AND.
 *
 * @param tag versions carrying this tag
 * @param folder versions filed in this folder or below it
 * @param newestOnly only the highest matching version of each name (with {@code status =
 *     published}: the version new jobs start on)
 */
public record DefinitionQuery(
    @Nullable DefinitionKind kind,
    @Nullable DefinitionStatus status,
    @Nullable String tag,
    @Nullable String folder,
    @Nullable String name,
    boolean newestOnly) {

  /** Every version of every definition. */
  public static final DefinitionQuery ALL =
      new DefinitionQuery(null, null, null, null, null, false);

  public DefinitionQuery kind(@Nullable DefinitionKind k) {
    return new DefinitionQuery(k, status, tag, folder, name, newestOnly);
  }

  public DefinitionQuery status(@Nullable DefinitionStatus s) {
    return new DefinitionQuery(kind, s, tag, folder, name, newestOnly);
  }

  public DefinitionQuery tag(@Nullable String t) {
    return new DefinitionQuery(kind, status, t, folder, name, newestOnly);
  }

  public DefinitionQuery folder(@Nullable String f) {
    return new DefinitionQuery(kind, status, tag, f, name, newestOnly);
  }

  public DefinitionQuery name(@Nullable String n) {
    return new DefinitionQuery(kind, status, tag, folder, n, newestOnly);
  }

  public DefinitionQuery newestOfEach() {
    return new DefinitionQuery(kind, status, tag, folder, name, true);
  }

  /** True when {@code d} passes every filter but {@link #newestOnly}. */
  public boolean matches(Definition d) {
    String f = folder;
    return (kind == null || d.kind() == kind)
        && (status == null || d.status() == status)
        && (tag == null || d.tags().contains(tag))
        && (f == null || f.isEmpty() || d.folder().equals(f) || d.folder().startsWith(f + "/"))
        && (name == null || d.name().equals(name));
  }
}
