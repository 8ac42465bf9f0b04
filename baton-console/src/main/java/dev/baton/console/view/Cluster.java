package dev.baton.console.view;

import java.util.List;

/**
 * The nodes sharing the store and who leads each singleton duty, as the store holds them.
 *
 * @param node this node's id, or empty when the server runs without leadership
 * @param leaseSeconds how long a lease lasts; a node is alive while its last beat is younger
 */
public record Cluster(
    String node, long leaseSeconds, List<NodeRow> nodes, List<DutyRow> duties, String asOf) {

  /** A node, with the duties it leads now. */
  public record NodeRow(
      String id,
      String version,
      String started,
      String lastHeartbeat,
      String ago,
      boolean alive,
      boolean thisNode,
      List<String> leads) {}

  /** A duty: who holds its lease (empty when it lapsed), its term and until when. */
  public record DutyRow(String duty, String leader, long term, String until) {}
}
