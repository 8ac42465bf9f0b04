package dev.baton.console.internal;

import dev.baton.console.view.LedgerSearch;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger search ({@code GET /console/ledger}): entries filtered by type, source, job, severity
 * and time, newest first, {@value LedgerFilter#PAGE} a page, paged on the server by the store's
 * cursor ({@code after}: the last {@code seq} shown), as {@code GET /api/v1/ledger} reads them. The
 * ledger holds every client's entries, so the page is for operators, as that route is.
 */
final class LedgerPages {
  static final String TITLE = "Ledger";
  static final String ACTIVE = "ledger";

  private final Ledger ledger;
  private final Access access;
  private final Pages pages;

  LedgerPages(Ledger ledger, Access access, Pages pages) {
    this.ledger = ledger;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/ledger", this::search);
  }

  private void search(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.OPERATOR, TITLE, ACTIVE);
    if (viewer.isEmpty()) {
      return;
    }
    LedgerFilter filter = LedgerFilter.parse(ctx);
    LedgerSearch shown;
    int status;
    if (filter.query() == null) {
      shown = new LedgerSearch(filter.raw(), filter.errors(), List.of(), "", "", true);
      status = 400;
    } else {
      LedgerPage page = ledger.read(filter.query());
      List<LedgerSearch.Row> rows = page.entries().stream().map(LedgerPages::row).toList();
      Long next = page.next();
      shown =
          new LedgerSearch(
              filter.raw(),
              List.of(),
              rows,
              next == null ? "" : filter.queryString(next),
              filter.queryString(0),
              filter.query().after() == 0);
      status = 200;
    }
    pages.send(
        ctx,
        status,
        "ledger.jte",
        Map.of("frame", access.frame(viewer.get(), TITLE, ACTIVE), "search", shown));
  }

  private static LedgerSearch.Row row(LedgerEntry e) {
    return new LedgerSearch.Row(
        e.seq(),
        Show.time(e.at()),
        e.type(),
        e.source(),
        e.severity().wireName(),
        e.jobId() == null ? "" : e.jobId(),
        Show.details(e.details()));
  }
}
