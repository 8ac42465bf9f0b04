package dev.baton.server;

import dev.baton.robot.JobKeys;
import dev.baton.server.access.ApprovalLinks;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How the server listens and treats requests. Immutable; start from {@link #DEFAULTS} and change
 * what you need with the {@code with*} methods.
 *
 * @param host the address to bind (default {@code 127.0.0.1}, this machine only; Avtomatika's
 *     {@code API_HOST}, whose default is {@code 0.0.0.0}). Use {@code 0.0.0.0} for every interface,
 *     with client tokens and a worker token of your own.
 * @param port the TCP port (default 8080, Avtomatika's {@code API_PORT}); 0 picks a free port,
 *     which {@link BatonServer#port()} then reports
 * @param workerToken the shared worker secret (default {@code "secure-worker-token"}, Avtomatika's
 *     {@code GLOBAL_WORKER_TOKEN}). Change it in production: anyone who knows it can take and
 *     complete tasks.
 * @param pollTimeout how long {@code GET /_worker/workers/{id}/tasks/next} waits for a task before
 *     answering 204 (default 30 s, Avtomatika's {@code WORKER_POLL_TIMEOUT_SECONDS}). Longer means
 *     fewer idle requests but slower notice of a dead worker's connection; each waiting poll holds
 *     one virtual thread and one connection. Proxies in front of the server must allow requests
 *     this long.
 * @param maxRequestBytes the largest request body accepted (default 1 MiB); a larger body is
 *     refused with {@code 413 {"error": ...}} before it is parsed
 * @param rateLimiting whether worker routes are rate limited (default true, Avtomatika's {@code
 *     RATE_LIMITING_ENABLED}): at most {@code rateLimitRequests} requests per {@code
 *     rateLimitWindow} for each worker (the path's worker id, else the caller's IP address) and
 *     path; more get {@code 429 {"error":"Too Many Requests"}}. Upstream's 5 per 60 s is low for
 *     long-polling workers with short tasks or several pollers: raise it or turn it off for them.
 * @param rateLimitRequests requests allowed in one window (default 5, as upstream)
 * @param rateLimitWindow the window, which starts at a key's first request (default 60 s)
 * @param workerAuth how worker tokens are checked; null (the default) accepts only {@code
 *     workerToken}, for any worker. Set it to add per-worker tokens.
 * @param clientAccess how client routes are admitted; null (the default) is open mode
 * @param workerTokensReload reloads per-worker tokens on request; null when there is no file
 * @param approvalLinks signs and checks the links of approvals (default: a secret drawn at random
 *     for this process)
 * @param webhookTargets refuses a job's {@code webhook_url} at creation when it can tell then that
 *     webhooks may not reach it (default {@link WebhookTargetCheck#NONE}; the app sets its target
 *     policy)
 * @param jobDedupWindow how long a job created over HTTP refuses an equal one (same client,
 *     blueprint and input) with 409 (default zero: off, as Avtomatika)
 * @param jobKeys where the de-duplication keys are held (the store's {@code job_keys}); null: none
 *     is held, whatever the window
 */
public record ServerOptions(
    String host,
    int port,
    String workerToken,
    Duration pollTimeout,
    long maxRequestBytes,
    boolean rateLimiting,
    int rateLimitRequests,
    Duration rateLimitWindow,
    @Nullable WorkerAuth workerAuth,
    @Nullable ClientAccess clientAccess,
    @Nullable WorkerTokensReload workerTokensReload,
    ApprovalLinks approvalLinks,
    WebhookTargetCheck webhookTargets,
    Duration jobDedupWindow,
    @Nullable JobKeys jobKeys) {

  public static final String DEFAULT_WORKER_TOKEN = "secure-worker-token";

  public static final ServerOptions DEFAULTS =
      new ServerOptions(
          "127.0.0.1",
          8080,
          DEFAULT_WORKER_TOKEN,
          Duration.ofSeconds(30),
          1024 * 1024,
          true,
          5,
          Duration.ofSeconds(60),
          null,
          null,
          null,
          new ApprovalLinks(""),
          WebhookTargetCheck.NONE,
          Duration.ZERO,
          null);

  public ServerOptions {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (workerToken.isEmpty()) {
      throw new IllegalArgumentException("the worker token must not be empty");
    }
    if (pollTimeout.isNegative()) {
      throw new IllegalArgumentException("poll timeout must not be negative, was " + pollTimeout);
    }
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException(
          "max request bytes must be at least 1, was " + maxRequestBytes);
    }
    if (rateLimitRequests < 1) {
      throw new IllegalArgumentException(
          "rate limit requests must be at least 1, was " + rateLimitRequests);
    }
    if (rateLimitWindow.isNegative() || rateLimitWindow.isZero()) {
      throw new IllegalArgumentException(
          "rate limit window must be positive, was " + rateLimitWindow);
    }
  }

  /** The check worker requests go through: {@link #workerAuth} or the global token. */
  public WorkerAuth effectiveWorkerAuth() {
    return workerAuth != null ? workerAuth : WorkerAuth.globalToken(workerToken);
  }

  public ServerOptions withHost(String h) {
    return with(o -> o.host = h);
  }

  public ServerOptions withPort(int p) {
    return with(o -> o.port = p);
  }

  public ServerOptions withWorkerToken(String t) {
    return with(o -> o.workerToken = t);
  }

  public ServerOptions withPollTimeout(Duration d) {
    return with(o -> o.pollTimeout = d);
  }

  public ServerOptions withMaxRequestBytes(long n) {
    return with(o -> o.maxRequestBytes = n);
  }

  public ServerOptions withRateLimiting(boolean on) {
    return with(o -> o.rateLimiting = on);
  }

  /** Sets how many requests each worker may make per path in one window. */
  public ServerOptions withRateLimit(int requests, Duration window) {
    return with(o -> {
      o.rateLimitRequests = requests;
      o.rateLimitWindow = window;
    });
  }

  public ServerOptions withWorkerAuth(@Nullable WorkerAuth a) {
    return with(o -> o.workerAuth = a);
  }

  public ServerOptions withClientAccess(@Nullable ClientAccess c) {
    return with(o -> o.clientAccess = c);
  }

  public ServerOptions withWorkerTokensReload(@Nullable WorkerTokensReload r) {
    return with(o -> o.workerTokensReload = r);
  }

  public ServerOptions withApprovalLinks(ApprovalLinks a) {
    return with(o -> o.approvalLinks = a);
  }

  public ServerOptions withWebhookTargets(WebhookTargetCheck c) {
    return with(o -> o.webhookTargets = c);
  }

  /**
   * De-duplicates jobs created over HTTP within {@code window} (zero: off), holding the keys in
   * {@code keys}.
   */
  public ServerOptions withJobDedup(Duration window, @Nullable JobKeys keys) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("job dedup window must not be negative, was " + window);
    }
    return with(o -> {
      o.jobDedupWindow = window;
      o.jobKeys = keys;
    });
  }

  /** A copy with what {@code change} sets; the one place that lists every field. */
  private ServerOptions with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new ServerOptions(
        d.host,
        d.port,
        d.workerToken,
        d.pollTimeout,
        d.maxRequestBytes,
        d.rateLimiting,
        d.rateLimitRequests,
        d.rateLimitWindow,
        d.workerAuth,
        d.clientAccess,
        d.workerTokensReload,
        d.approvalLinks,
        d.webhookTargets,
        d.jobDedupWindow,
        d.jobKeys);
  }

  /** The fields of an options value, to change before {@link #with} makes the copy. */
  private static final class Draft {
    String host;
    int port;
    String workerToken;
    Duration pollTimeout;
    long maxRequestBytes;
    boolean rateLimiting;
    int rateLimitRequests;
    Duration rateLimitWindow;
    @Nullable WorkerAuth workerAuth;
    @Nullable ClientAccess clientAccess;
    @Nullable WorkerTokensReload workerTokensReload;
    ApprovalLinks approvalLinks;
    WebhookTargetCheck webhookTargets;
    Duration jobDedupWindow;
    @Nullable JobKeys jobKeys;

    Draft(ServerOptions o) {
      host = o.host;
      port = o.port;
      workerToken = o.workerToken;
      pollTimeout = o.pollTimeout;
      maxRequestBytes = o.maxRequestBytes;
      rateLimiting = o.rateLimiting;
      rateLimitRequests = o.rateLimitRequests;
      rateLimitWindow = o.rateLimitWindow;
      workerAuth = o.workerAuth;
      clientAccess = o.clientAccess;
      workerTokensReload = o.workerTokensReload;
      approvalLinks = o.approvalLinks;
      webhookTargets = o.webhookTargets;
      jobDedupWindow = o.jobDedupWindow;
      jobKeys = o.jobKeys;
    }
  }
}
