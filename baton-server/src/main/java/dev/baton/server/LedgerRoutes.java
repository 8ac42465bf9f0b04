package dev.baton.server;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.server.internal.NativeRoutes;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.QueryParams;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger over HTTP ({@code GET /api/v1/ledger}), and the audit of administrative requests: a
 * change made through the client API ({@code POST /api/v1/jobs/{id}/cancel}, resume, decision,
 * worker reloads, and the routes of features added later) is appended as {@code admin.*} once it
 * has succeeded, with the client that made it. Creating a job is not an administrative change (its
 * transitions are in the ledger already), nor is anything under {@code /orchestrator}, which the
 * control loop records itself.
 */
public final class LedgerRoutes implements RouteSet {
  private static final Logger log = LoggerFactory.getLogger(LedgerRoutes.class);
  private static final Pattern JOB_VERB =
      Pattern.compile(".*/jobs/([^/]+)/(cancel|resume|decision)");
  private static final Set<String> NOT_ADMIN = Set.of("/api/v1/jobs", "/api/<endpoint>");

  private final Ledger ledger;
  private final Clock clock;

  public LedgerRoutes(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/ledger", this::page);
    routes.after("/api/*", this::audit);
  }

  private void page(Context ctx) {
    int limit = NativeRoutes.intParam(ctx, "limit", 100, 1, LedgerQuery.MAX_LIMIT);
    String order = text(ctx, "order");
    boolean newestFirst;
    if (order == null || order.equals("desc")) {
      newestFirst = true;
    } else if (order.equals("asc")) {
      newestFirst = false;
    } else {
      throw ApiError.badRequest("query parameter 'order' must be asc or desc, was '" + order + "'");
    }
    long cursor = longParam(ctx, "cursor");
    String severity = text(ctx, "severity");
    LedgerQuery q;
    try {
      q =
          (newestFirst ? LedgerQuery.newest(limit) : LedgerQuery.oldest(limit))
              .type(text(ctx, "type"))
              .source(text(ctx, "source"))
              .jobId(text(ctx, "job_id"))
              .severity(severity == null ? null : Severity.fromWire(severity))
              .between(instant(ctx, "since"), instant(ctx, "until"))
              .after(cursor);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("ledger query: " + e.getMessage());
    }
    LedgerPage page = ledger.read(q);
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("items", page.entries().stream().map(LedgerRoutes::view).toList());
    out.put("next_cursor", page.next() == null ? null : String.valueOf(page.next()));
    out.put("limit", limit);
    out.put("order", newestFirst ? "desc" : "asc");
    ctx.json(out);
  }

  /** An entry as JSON. */
  public static Map<String, @Nullable Object> view(LedgerEntry e) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("seq", e.seq());
    out.put("at", e.at().toString());
    out.put("type", e.type());
    out.put("source", e.source());
    out.put("severity", e.severity().wireName());
    out.put("job_id", e.jobId());
    out.put("details", e.details());
    return out;
  }

  private void audit(Context ctx) {
    HandlerType method = ctx.method();
    if (method == HandlerType.GET
        || method == HandlerType.HEAD
        || method == HandlerType.OPTIONS
        || ctx.statusCode() >= 400) {
      return;
    }
    String route = route(ctx);
    if (route == null
        || NOT_ADMIN.contains(route)
        || route.startsWith("/api/v1/orchestrator")
        || route.equals("/api/v1/ledger")) {
      return;
    }
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("method", method.name());
    details.put("path", ctx.path());
    details.put("status", (long) ctx.statusCode());
    Object client = ctx.attribute(Client.ATTRIBUTE);
    details.put("client", client instanceof Client c ? c.name() : null);
    String type = "admin.request";
    String jobId = null;
    Matcher m = JOB_VERB.matcher(ctx.path());
    if (m.matches()) {
      jobId = m.group(1);
      type = "admin." + (m.group(2).equals("decision") ? "decide" : m.group(2));
    } else if (route.endsWith("/admin/reload-workers")) {
      type = "admin.reload_workers";
    }
    try {
      ledger.append(LedgerEntry.of(clock.instant(), type, "api", Severity.INFO, jobId, details));
    } catch (RuntimeException e) {
      // The change is made; a ledger that failed to record it must not turn it into an error.
      log.error("could not record {} {} in the ledger", method, ctx.path(), e);
    }
  }

  /** The matched route's path template, or null when no route matched. */
  private static @Nullable String route(Context ctx) {
    Endpoint e = ctx.endpoints().lastHttpEndpoint();
    return e == null ? null : e.path;
  }

  private static @Nullable String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static long longParam(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return 0;
    }
    if (!raw.isEmpty() && raw.length() <= 18 && raw.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(raw);
    }
    throw ApiError.badRequest(
        "query parameter '"
            + name
            + "' must be a cursor from a previous page, was '"
            + QueryParams.printable(raw)
            + "'");
  }

  private static @Nullable Instant instant(Context ctx, String name) {
    String raw = text(ctx, name);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "query parameter '"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-21T10:00:00Z, was '"
              + raw
              + "'");
    }
  }
}
