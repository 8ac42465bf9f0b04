package dev.baton.definition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A version to store: what it is, its content, and whether it starts as a draft or published.
 * Checked here, once, so every store refuses the same values with the same message.
 *
 * @param status {@link DefinitionStatus#DRAFT} or {@link DefinitionStatus#PUBLISHED}
 * @param declaredVersion the version the content declares, or null; the store numbers the new
 *     version past the highest of the name and at least this, so a first file that says {@code
 *     version: 2} is stored as version 2
 * @param skipUnchanged when the newest version of the name stored by the same {@code createdBy} has
 *     the same content hash, store nothing and answer that version: a blueprints file loaded again
 *     (so a version pushed over the API since is not undone by a restart), a push retried
 * @param source who writes the ledger entry of a publish: {@code api}, {@code app}...
 */
public record NewDefinition(
    DefinitionKind kind,
    String name,
    String title,
    String description,
    List<String> tags,
    String folder,
    DefinitionContent content,
    @Nullable Integer declaredVersion,
    DefinitionStatus status,
    boolean skipUnchanged,
    String createdBy,
    String source,
    Instant at) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
  private static final Pattern TAG = Pattern.compile("[^\\s|,\\p{Cntrl}]{1,64}");
  private static final Pattern FOLDER =
      Pattern.compile(
          "([^/\\s\\p{Cntrl}][^/\\p{Cntrl}]{0,63}(/[^/\\s\\p{Cntrl}][^/\\p{Cntrl}]{0,63})*)?");

  public NewDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    requireName(name);
    tags = List.copyOf(tags);
    for (String tag : tags) {
      if (!TAG.matcher(tag).matches()) {
        throw DefinitionException.invalid(
            "tag '" + tag + "' is not valid: 1 to 64 characters, no spaces, '|' or ','");
      }
    }
    if (!FOLDER.matcher(folder).matches() || folder.length() > 255) {
      throw DefinitionException.invalid(
          "folder '"
              + folder
              + "' is not valid: segments separated by '/', none empty or starting with a space");
    }
    if (title.isBlank()) {
      title = name;
    }
    // Text any store keeps as it is: PostgreSQL refuses NUL in text, so every store does.
    requireText("title", title, 200);
    requireText("description", description, 10_000);
    if (content.text().indexOf('\u0000') >= 0) {
      throw DefinitionException.invalid("the content contains a NUL character");
    }
    if (status != DefinitionStatus.DRAFT && status != DefinitionStatus.PUBLISHED) {
      throw DefinitionException.invalid(
          "a new version is a draft or published, not " + status.wireName());
    }
    if (declaredVersion != null && declaredVersion < 1) {
      throw DefinitionException.invalid("a declared version is 1 or more; was " + declaredVersion);
    }
    if (createdBy.isBlank() || source.isBlank()) {
      throw DefinitionException.invalid("a new version needs who stores it and a ledger source");
    }
  }

  /** A draft of {@code name} to fill in: no tags, no folder, by {@code api}. */
  public static Builder builder(DefinitionKind kind, String name, DefinitionContent content) {
    return new Builder(kind, name, content);
  }

  /** Fills in a {@link NewDefinition}; {@link #build()} checks it. */
  public static final class Builder {
    private final DefinitionKind kind;
    private final String name;
    private final DefinitionContent content;
    private String title = "";
    private String description = "";
    private List<String> tags = List.of();
    private String folder = "";
    private @Nullable Integer declaredVersion;
    private DefinitionStatus status = DefinitionStatus.DRAFT;
    private boolean skipUnchanged;
    private String createdBy = "api";
    private String source = "api";
    private @Nullable Instant at;

    private Builder(DefinitionKind kind, String name, DefinitionContent content) {
      this.kind = kind;
      this.name = name;
      this.content = content;
    }

    public Builder title(String t) {
      title = t;
      return this;
    }

    public Builder description(String d) {
      description = d;
      return this;
    }

    public Builder tags(List<String> t) {
      tags = t;
      return this;
    }

    public Builder folder(String f) {
      folder = f;
      return this;
    }

    public Builder declaredVersion(@Nullable Integer v) {
      declaredVersion = v;
      return this;
    }

    public Builder status(DefinitionStatus s) {
      status = s;
      return this;
    }

    public Builder publish() {
      return status(DefinitionStatus.PUBLISHED);
    }

    public Builder skipUnchanged() {
      skipUnchanged = true;
      return this;
    }

    /** Who stores it (recorded as created_by) and who writes its ledger entries. */
    public Builder by(String who, String ledgerSource) {
      createdBy = who;
      source = ledgerSource;
      return this;
    }

    public Builder at(Instant t) {
      at = t;
      return this;
    }

    /**
     * @throws DefinitionException INVALID naming the value that is wrong
     */
    public NewDefinition build() {
      return new NewDefinition(
          kind,
          name,
          title,
          description,
          tags,
          folder,
          content,
          declaredVersion,
          status,
          skipUnchanged,
          createdBy,
          source,
          Objects.requireNonNull(at, "at"));
    }
  }

  private static void requireText(String what, String text, int max) {
    if (text.length() > max) {
      throw DefinitionException.invalid(what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
        throw DefinitionException.invalid(
            what + " contains a control character (U+" + String.format("%04X", (int) c) + ")");
      }
    }
  }

  /**
   * Checks a definition name: a letter or digit, then letters, digits, {@code _ . : -}, 128 at most
   * (it is a path segment of the API).
   */
  public static String requireName(@Nullable String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw DefinitionException.invalid(
          "name '"
              + name
              + "' is not valid: a letter or digit, then letters, digits, '_', '.', ':' or '-',"
              + " 128 characters at most");
    }
    return name;
  }

  /** The version this becomes when {@code highest} is the highest stored (0: none). */
  public int versionAfter(int highest) {
    return Math.max(highest + 1, declaredVersion == null ? 1 : declaredVersion);
  }

  /** The stored version, numbered {@code version}. */
  public Definition toVersion(int version) {
    return new Definition(
        name,
        version,
        kind,
        status,
        title,
        description,
        tags,
        folder,
        content,
        content.hash(),
        declaredVersion,
        createdBy,
        at,
        at);
  }
}
