package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The room under each capped task type within one write transaction, for claims of chosen tasks: a
 * type is locked ({@link Dialect#tryLockTypeCap}) and its leased tasks counted the first time a
 * claim needs it, then the room is kept here as the transaction's claims use it. A type whose lock
 * another process holds has no room in this transaction; its task stays queued for a later round.
 */
final class TypeCaps {
  private final Connection c;
  private final Dialect dialect;
  private final Map<String, Integer> caps;
  private final Map<String, Long> room = new HashMap<>();

  TypeCaps(Connection c, Dialect dialect, Map<String, Integer> caps) {
    this.c = c;
    this.dialect = dialect;
    this.caps = caps;
  }

  /** Whether a task of {@code type} may be leased now (true for an uncapped or unknown type). */
  boolean admits(@Nullable String type) throws SQLException {
    return type == null || !caps.containsKey(type) || room(type) > 0;
  }

  /** The room left under a capped type's cap in this transaction (0 or less: none). */
  long room(String type) throws SQLException {
    Long left = room.get(type);
    if (left == null) {
      left =
          dialect.tryLockTypeCap(c, type)
              ? caps.getOrDefault(type, 0)
                  - TaskQueueSql.leasedCounts(c, List.of(type)).getOrDefault(type, 0L)
              : 0L;
      room.put(type, left);
    }
    return left;
  }

  /** A task of {@code type} was leased in this transaction. */
  void took(String type) {
    room.computeIfPresent(type, (t, left) -> left - 1);
  }
}
