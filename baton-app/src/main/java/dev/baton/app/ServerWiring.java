package dev.baton.app;

import dev.baton.engine.Engine;
import dev.baton.outbound.WebhookSecret;
import dev.baton.robot.JobKeys;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.access.ApprovalLinks;
import dev.baton.server.access.TokenClients;
import dev.baton.server.access.WorkerTokens;
import dev.baton.server.events.EventHub;
import dev.baton.server.metrics.Meters;
import dev.baton.server.route.RouteSet;
import dev.baton.store.QuotaStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: its options and who it admits, read from the settings before anything opens (a
 * bad access file stops the start at once), then started with the features' routes.
 */
final class ServerWiring {
  private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

  private final ServerOptions base;
  private final int maxBodyBytes;
  private final @Nullable Path clientsFile;
  private final @Nullable List<TokenClients.Entry> clients;
  private final @Nullable Path workersFile;
  private final @Nullable WorkerTokens workerTokens;
  private final Map<String, WebhookSecret> webhookSecrets;

  private ServerWiring(
      ServerOptions base,
      int maxBodyBytes,
      @Nullable Path clientsFile,
      @Nullable List<TokenClients.Entry> clients,
      @Nullable Path workersFile,
      @Nullable WorkerTokens workerTokens,
      Map<String, WebhookSecret> webhookSecrets) {
    this.webhookSecrets = webhookSecrets;
    this.base = base;
    this.maxBodyBytes = maxBodyBytes;
    this.clientsFile = clientsFile;
    this.clients = clients;
    this.workersFile = workersFile;
    this.workerTokens = workerTokens;
  }

  /** Reads the server's settings and its access files. */
  static ServerWiring of(Settings s) {
    int port = s.number(Setting.API_PORT, 0, 65535);
    int pollSeconds = s.number(Setting.WORKER_POLL_TIMEOUT_SECONDS, 0, 3600);
    int maxBody = s.number(Setting.MAX_BODY_BYTES, 1024, Integer.MAX_VALUE);
    boolean rateLimiting = s.bool(Setting.RATE_LIMITING_ENABLED);
    int rateRequests = s.number(Setting.RATE_LIMIT_REQUESTS, 1, 1_000_000);
    int rateWindow = s.number(Setting.RATE_LIMIT_WINDOW_SECONDS, 1, 24 * 3600);
    Path clientsFile = s.path(Setting.CLIENTS_CONFIG_PATH);
    ClientsFile.Parsed parsed = clientsFile == null ? null : ClientsFile.parse(clientsFile);
    List<TokenClients.Entry> clients = parsed == null ? null : parsed.clients();
    Path workersFile = s.path(Setting.WORKERS_CONFIG_PATH);
    WorkerTokens workerTokens =
        workersFile == null
            ? null
            : new WorkerTokens(
                s.text(Setting.GLOBAL_WORKER_TOKEN), () -> WorkersFile.read(workersFile));
    String host = s.text(Setting.API_HOST).trim();
    refuseOpenBind(s, host, clientsFile, s.text(Setting.GLOBAL_WORKER_TOKEN));
    ServerOptions base =
        ServerOptions.DEFAULTS
            .withApprovalLinks(new ApprovalLinks(s.text(Setting.APPROVAL_SECRET)))
            .withHost(host)
            .withPort(port)
            .withWorkerToken(s.text(Setting.GLOBAL_WORKER_TOKEN))
            .withPollTimeout(Duration.ofSeconds(pollSeconds))
            .withMaxRequestBytes(maxBody)
            .withRateLimiting(rateLimiting)
            .withRateLimit(rateRequests, Duration.ofSeconds(rateWindow))
            .withJobDedup(
                Duration.ofSeconds(s.number(Setting.JOB_DEDUP_WINDOW_SECONDS, 0, 31 * 24 * 3600)),
                null)
            .withWorkerAuth(workerTokens)
            .withWorkerTokensReload(workerTokens);
    return new ServerWiring(
        base,
        maxBody,
        clientsFile,
        clients,
        workersFile,
        workerTokens,
        parsed == null ? Map.of() : parsed.webhookSecrets());
  }

  /**
   * Refuses to listen beyond this machine while anyone could use the API (no clients file) or act
   * as any worker (the default worker token), unless {@code --insecure-bind} says so.
   */
  static void refuseOpenBind(
      Settings s, String host, @Nullable Path clientsFile, String workerToken) {
    if (isLoopback(host) || s.bool(Setting.INSECURE_BIND)) {
      return;
    }
    List<String> open = new java.util.ArrayList<>();
    if (clientsFile == null) {
      open.add("the client API is open (set CLIENTS_CONFIG_PATH to a clients.toml)");
    }
    if (workerToken.equals(ServerOptions.DEFAULT_WORKER_TOKEN)) {
      open.add("the worker token is the default one (set GLOBAL_WORKER_TOKEN)");
    }
    if (!open.isEmpty()) {
      throw new Settings.ConfigException(
          s.source(Setting.API_HOST)
              + ": will not listen on "
              + host
              + " because "
              + String.join(" and ", open)
              + "; fix that, or pass --insecure-bind (BATON_INSECURE_BIND=true) to listen anyway");
    }
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("::1")
        || host.equals("[::1]")
        || host.startsWith("127.");
  }

  /** The webhook secrets of the clients in clients.toml that have one, by client name. */
  Map<String, WebhookSecret> webhookSecrets() {
    return webhookSecrets;
  }

  /** The largest request body, for the features' own routes. */
  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * The server's options, with client tokens and quotas counted in the store when there are, and
   * de-duplication keys held in {@code keys}.
   */
  ServerOptions options(QuotaStore quotas, JobKeys keys, Engine engine, ZoneId zone) {
    List<TokenClients.Entry> entries = clients;
    return base.withJobDedup(base.jobDedupWindow(), keys)
        .withClientAccess(
            entries == null ? null : new TokenClients(entries, quotas, engine.clock(), zone));
  }

  /** Starts serving, and says how requests are admitted. */
  BatonServer start(
      Engine engine,
      WebSocketChannel channel,
      ServerOptions options,
      List<RouteSet> features,
      ZoneId zone,
      Meters meters,
      EventHub events) {
    BatonServer server = BatonServer.start(engine, channel, options, features, meters, events);
    describeAccess(options, zone);
    return server;
  }

  /** Says how requests are admitted; open mode gets a block no one can miss. */
  private void describeAccess(ServerOptions options, ZoneId zone) {
    Path clientsAt = clientsFile;
    if (clientsAt == null || !(options.clientAccess() instanceof TokenClients tokens)) {
      log.warn(
          """

          ************************************************************************
          *  THE CLIENT API IS OPEN: no clients file (CLIENTS_CONFIG_PATH).      *
          *  Anyone who reaches this server can create, read and cancel jobs     *
          *  under /api without a token. Fine on a laptop, never in production:  *
          *  set CLIENTS_CONFIG_PATH to a clients.toml to require tokens.        *
          ************************************************************************\
          """);
    } else {
      log.info(
          "client API: {} client(s) from {}; quotas are monthly, months start in {}",
          tokens.size(),
          clientsAt.toAbsolutePath(),
          zone);
    }
    Path workersAt = workersFile;
    WorkerTokens workers = workerTokens;
    if (workersAt != null && workers != null) {
      log.info(
          "worker tokens: {} worker(s) have their own token from {}; the others use the global"
              + " token",
          workers.size(),
          workersAt.toAbsolutePath());
    }
    if (options.rateLimiting()) {
      log.info(
          "worker rate limit: {} requests per {} s per worker and path"
              + " (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS, RATE_LIMITING_ENABLED)",
          options.rateLimitRequests(),
          options.rateLimitWindow().toSeconds());
    } else {
      log.info("worker rate limit: off");
    }
  }
}
