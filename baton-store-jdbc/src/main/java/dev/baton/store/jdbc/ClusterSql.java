package dev.baton.store.jdbc;

import dev.baton.cluster.Lead;
import dev.baton.cluster.Node;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code nodes} and {@code leads} tables: heartbeats, and leases on singleton duties. */
final class ClusterSql {
  /**
   * The guard of {@link dev.baton.store.Change.Fence}: one row when the lease is still the
   * caller's. An update rather than a select, so that it locks the lease row until the commit: a
   * node taking the duty over waits for the fenced change to commit, and then sees a higher term on
   * its own.
   */
  static final String FENCE =
      """
      UPDATE leads SET term = term
       WHERE duty = ? AND node = ? AND term = ? AND expires_at > ?\
      """;

  private ClusterSql() {}

  static void bindFence(PreparedStatement ps, Lead lead, Instant now) throws SQLException {
    ps.setString(1, lead.duty());
    ps.setString(2, lead.node());
    ps.setLong(3, lead.term());
    Sql.setInstant(ps, 4, now);
  }

  static void beat(Connection c, Node n) throws SQLException {
    String sql =
        """
        INSERT INTO nodes (id, version, started_at, beat_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE
           SET version = excluded.version, started_at = excluded.started_at,
               beat_at = excluded.beat_at\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, n.id());
      ps.setString(2, n.version());
      Sql.setInstant(ps, 3, n.startedAt());
      Sql.setInstant(ps, 4, n.beatAt());
      ps.executeUpdate();
    }
  }

  static List<Node> nodes(Connection c) throws SQLException {
    List<Node> nodes = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id, version, started_at, beat_at FROM nodes ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        nodes.add(
            new Node(
                rs.getString("id"),
                rs.getString("version"),
                Sql.requiredInstant(rs, "started_at"),
                Sql.requiredInstant(rs, "beat_at")));
      }
    }
    return nodes;
  }

  /**
   * Takes or renews the lease in one transaction: the insert wins for the first node ever; after
   * that, one conditional update, which the database serializes on the row, so two racing nodes
   * cannot both see a lapsed lease and both take it.
   */
  static Optional<Lead> lead(Connection c, String duty, String node, Instant now, Duration ttl)
      throws SQLException {
    Instant until = now.plus(ttl);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO leads (duty, node, term, expires_at) VALUES (?, ?, 1, ?)"
                + " ON CONFLICT (duty) DO NOTHING")) {
      ps.setString(1, duty);
      ps.setString(2, node);
      Sql.setInstant(ps, 3, until);
      if (ps.executeUpdate() == 1) {
        return Optional.of(new Lead(duty, node, 1, until));
      }
    }
    String sql =
        """
        UPDATE leads
           SET term = CASE WHEN node = ? AND expires_at > ? THEN term ELSE term + 1 END,
               node = ?, expires_at = ?
         WHERE duty = ? AND (node = ? OR expires_at <= ?)
        RETURNING term\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, node);
      Sql.setInstant(ps, 2, now);
      ps.setString(3, node);
      Sql.setInstant(ps, 4, until);
      ps.setString(5, duty);
      ps.setString(6, node);
      Sql.setInstant(ps, 7, now);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Lead(duty, node, rs.getLong(1), until))
            : Optional.empty();
      }
    }
  }

  /** Lapses the lease now, if it is still this one; the term stays, the next holder raises it. */
  static void resign(Connection c, Lead lead) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE leads SET expires_at = 0 WHERE duty = ? AND node = ? AND term = ?")) {
      ps.setString(1, lead.duty());
      ps.setString(2, lead.node());
      ps.setLong(3, lead.term());
      ps.executeUpdate();
    }
  }

  static List<Lead> leads(Connection c) throws SQLException {
    List<Lead> leads = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT duty, node, term, expires_at FROM leads ORDER BY duty");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        leads.add(
            new Lead(
                rs.getString("duty"),
                rs.getString("node"),
                rs.getLong("term"),
                Sql.requiredInstant(rs, "expires_at")));
      }
    }
    return leads;
  }
}
