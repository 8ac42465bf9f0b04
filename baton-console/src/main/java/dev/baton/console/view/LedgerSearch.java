package dev.baton.console.view;

import java.util.List;
import java.util.Map;

/**
 * A page of the ledger search.
 *
 * @param filter the filters as given, by parameter name (echoed into the form)
 * @param errors why a filter was refused (the ledger was not read then)
 * @param older the query string of the next (older) page, or empty on the last page
 * @param newest the query string of the newest page with the same filters
 * @param first whether this is the newest page
 */
public record LedgerSearch(
    Map<String, String> filter,
    List<String> errors,
    List<Row> rows,
    String older,
    String newest,
    boolean first) {
  public LedgerSearch {
    filter = Map.copyOf(filter);
    errors = List.copyOf(errors);
    rows = List.copyOf(rows);
  }

  public String value(String name) {
    return filter.getOrDefault(name, "");
  }

  /** An entry as shown: its details as {@code key=value} pairs. */
  public record Row(
      long seq,
      String at,
      String type,
      String source,
      String severity,
      String jobId,
      String details) {}
}
