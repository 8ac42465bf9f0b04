package dev.baton.definition;

import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ledger entries of definitions: {@code definition.published} and {@code definition.archived},
 * naming the kind, name, version and content hash, who asked and the status it left.
 */
public final class DefinitionEntries {
  private DefinitionEntries() {}

  /** The entry of {@code d} reaching its status, from {@code from} (null: a new version). */
  public static LedgerEntry of(
      Definition d, @Nullable DefinitionStatus from, String by, String source, Instant at) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("kind", d.kind().wireName());
    details.put("name", d.name());
    details.put("version", d.version());
    details.put("content_hash", d.contentHash());
    details.put("from_status", from == null ? null : from.wireName());
    details.put("by", by);
    return LedgerEntry.of(
        at, "definition." + d.status().wireName(), source, Severity.INFO, null, details);
  }

  /** Whether a move to {@code status} (or a new version in it) is written to the ledger. */
  public static boolean recorded(DefinitionStatus status) {
    return status != DefinitionStatus.DRAFT;
  }
}
