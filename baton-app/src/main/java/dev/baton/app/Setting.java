package dev.baton.app;

import java.util.Locale;

/**
 * One configuration value: its key in {@code baton.toml}, its environment variable (Avtomatika's
 * name where it has one), its command-line flag and its default. Precedence, highest first: flag,
 * environment, config file, default.
 */
public enum Setting {
  API_HOST("API_HOST", "--host", "127.0.0.1", "address the HTTP server binds"),
  API_PORT("API_PORT", "--port", "8080", "HTTP port (0 picks a free one)"),
  INSECURE_BIND(
      "BATON_INSECURE_BIND",
      "--insecure-bind",
      "false",
      "listen beyond loopback while the API is open or the worker token is the default"),
  APPROVAL_SECRET(
      "APPROVAL_SECRET",
      "",
      "",
      "secret that signs approval links; empty: a random one per process"),
  DATA_DIR("BATON_DATA_DIR", "--data-dir", "data", "folder of the embedded SQLite database"),
  DATABASE_URL(
      "BATON_DATABASE_URL",
      "--db",
      "",
      "jdbc:postgresql://host/db for PostgreSQL; empty: SQLite file <data_dir>/baton.db"),
  DATABASE_USER("BATON_DATABASE_USER", "--db-user", "", "PostgreSQL user"),
  DATABASE_PASSWORD("BATON_DATABASE_PASSWORD", "--db-password", "", "PostgreSQL password"),
  BLUEPRINTS_DIR(
      "BATON_BLUEPRINTS_DIR", "--blueprints", "blueprints", "folder of YAML/JSON blueprints"),
  GLOBAL_WORKER_TOKEN(
      "GLOBAL_WORKER_TOKEN", "--worker-token", "secure-worker-token", "token workers send"),
  WORKER_POLL_TIMEOUT_SECONDS(
      "WORKER_POLL_TIMEOUT_SECONDS", "", "30", "how long a worker's long-poll is held"),
  WORKER_TIMEOUT_SECONDS(
      "WORKER_TIMEOUT_SECONDS", "", "300", "default task timeout (dispatch to result)"),
  WORKER_HEALTH_CHECK_INTERVAL_SECONDS(
      "WORKER_HEALTH_CHECK_INTERVAL_SECONDS",
      "",
      "60",
      "a worker silent for twice this long is gone; its tasks go to others"),
  JOB_MAX_RETRIES("JOB_MAX_RETRIES", "", "3", "retries of a transient failure, then quarantine"),
  MAX_BODY_BYTES("BATON_MAX_BODY_BYTES", "", "1048576", "largest request body (413 above)"),
  CONSOLE_ACTION_ROLE(
      "BATON_CONSOLE_ACTION_ROLE",
      "--console-action-role",
      "operator",
      "the role the console's operator actions need: operator or admin"),
  CLIENTS_CONFIG_PATH(
      "CLIENTS_CONFIG_PATH",
      "",
      "",
      "clients.toml: client tokens and monthly quotas; empty: the client API is open"),
  WORKERS_CONFIG_PATH(
      "WORKERS_CONFIG_PATH",
      "",
      "",
      "workers.toml: per-worker tokens; empty: every worker uses the global token"),
  RATE_LIMITING_ENABLED(
      "RATE_LIMITING_ENABLED", "", "true", "limit requests per worker and path on /_worker"),
  RATE_LIMIT_REQUESTS("RATE_LIMIT_REQUESTS", "", "5", "requests allowed per window"),
  RATE_LIMIT_WINDOW_SECONDS("RATE_LIMIT_WINDOW_SECONDS", "", "60", "the rate limit's window"),
  JOB_DEDUP_WINDOW_SECONDS(
      "JOB_DEDUP_WINDOW_SECONDS",
      "",
      "0",
      "window in which a job equal to one the same client created over HTTP is a duplicate; 0: off"),
  SCHEDULES_CONFIG_PATH(
      "SCHEDULES_CONFIG_PATH",
      "",
      "",
      "schedules.toml (Avtomatika format) loaded at start; empty: none"),
  TZ(
      "TZ",
      "",
      "UTC",
      "IANA time zone of schedules that name none, and in which a quota month starts"),
  WEBHOOK_MAX_ATTEMPTS(
      "WEBHOOK_MAX_ATTEMPTS", "", "3", "attempts to deliver a webhook before it is abandoned"),
  WEBHOOK_RETRY_DELAY_MS(
      "WEBHOOK_RETRY_DELAY_MS", "", "2000", "wait before the 2nd attempt; doubles after each"),
  WEBHOOK_TIMEOUT_SECONDS(
      "WEBHOOK_TIMEOUT_SECONDS", "", "10", "how long one webhook attempt may take"),
  WEBHOOK_SIGNING_SECRET(
      "WEBHOOK_SIGNING_SECRET",
      "",
      "",
      "signs webhooks of jobs whose client has no webhook_secret; empty: those go unsigned"),
  WEBHOOK_ALLOW_PRIVATE_TARGETS(
      "WEBHOOK_ALLOW_PRIVATE_TARGETS",
      "",
      "false",
      "let webhooks reach loopback, private and link-local addresses"),
  WEBHOOK_ALLOWED_TARGETS(
      "WEBHOOK_ALLOWED_TARGETS",
      "",
      "",
      "addresses, CIDR blocks, hosts and *.domains webhooks may reach though private"),
  WEBHOOK_RETENTION_DAYS(
      "WEBHOOK_RETENTION_DAYS", "", "7", "days a delivered notice is kept; 0 keeps them"),
  TRACING_EXPORTER(
      "OTEL_TRACES_EXPORTER",
      "",
      "",
      "otlp: export traces over OTLP/HTTP; none: no traces; empty: on when an endpoint is set"),
  TRACING_ENDPOINT(
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "",
      "",
      "OTLP/HTTP collector base URL (http://localhost:4318 when otlp names none); turns traces on"),
  TRACING_SAMPLE_RATIO(
      "BATON_TRACING_SAMPLE_RATIO",
      "",
      "1.0",
      "share of new traces kept (0 to 1); a continued trace follows its parent's decision"),
  TRACING_SERVICE_NAME(
      "OTEL_SERVICE_NAME", "", "baton", "service.name of the spans this server exports"),
  ORCHESTRATOR_ENABLED(
      "ORCHESTRATOR_ENABLED",
      "",
      "false",
      "start the control loop with the server (POST /orchestrator/enable starts it later)"),
  ORCHESTRATOR_INTERVAL_SECONDS(
      "ORCHESTRATOR_INTERVAL_SECONDS", "", "2", "time between two control cycles"),
  ORCHESTRATOR_RULES_FILE(
      "ORCHESTRATOR_RULES_FILE",
      "",
      "",
      "the control loop's rules file (YAML, CEL); empty: the built-in rules"),
  ORCHESTRATOR_ALERT_WEBHOOK_URL(
      "ORCHESTRATOR_ALERT_WEBHOOK_URL",
      "",
      "",
      "where the loop's alert action POSTs; empty: alerts are only logged"),
  ROBOT_AUTH_TOKEN(
      "ROBOT_AUTH_TOKEN", "", "", "token a robot's register must carry; empty: none needed"),
  ROBOT_STALE_TIMEOUT_SECONDS(
      "ROBOT_STALE_TIMEOUT_SECONDS", "", "60", "a robot silent this long goes offline"),
  ROBOT_JOB_TIMEOUT_SECONDS(
      "DEFAULT_JOB_TIMEOUT", "", "3600", "run timeout of a robot job that names none"),
  ROBOT_DEDUP_WINDOW_SECONDS(
      "ROBOT_DEDUP_WINDOW_SECONDS", "", "300", "window in which a same robot job is a duplicate"),
  ROBOT_STRATEGY("ROBOT_STRATEGY", "", "least_loaded", "strategy of a robot job that names none"),
  ROBOT_LOST_JOBS("ROBOT_LOST_JOBS", "", "requeue", "jobs of a lost robot: requeue or fail"),
  ROBOT_RECONNECT_GRACE_SECONDS(
      "ROBOT_RECONNECT_GRACE_SECONDS",
      "",
      "30",
      "a dropped robot's running jobs wait this long for it to reconnect"),
  TASK_TYPE_CONCURRENCY(
      "TASK_TYPE_CONCURRENCY",
      "",
      "",
      "running tasks per type at most, for HTTP workers and robots alike: render=10,excel=2"),
  TASK_TYPE_RATES(
      "TASK_TYPE_RATES",
      "",
      "",
      "hand-outs per type and window, for HTTP workers and robots: excel=60/60 (per 60 s)"),
  ROBOT_TYPE_CONCURRENCY(
      "ROBOT_TYPE_CONCURRENCY", "", "", "older name of task_type_concurrency (same limits)"),
  ROBOT_TYPE_RATES("ROBOT_TYPE_RATES", "", "", "older name of task_type_rates (same limits)"),
  COMPONENTS_CONFIG_PATH(
      "BATON_COMPONENTS_CONFIG",
      "--components-config",
      "",
      "avena orchestrator config (JSON, TOML or YAML): clients, components, scenarios_directory,"
          + " max_concurrent_scenarios"),
  SCENARIOS_DIRECTORY(
      "BATON_SCENARIOS_DIRECTORY",
      "--scenarios-directory",
      "",
      "folder of the user's scenario files (*.json, *.yaml); same names replace built-in ones"),
  MAX_CONCURRENT_SCENARIOS(
      "BATON_MAX_CONCURRENT_SCENARIOS",
      "",
      "",
      "scenario runs the tick may have going at once (default: the components config's, else 1)"),
  COMPONENTS_REPLY_ADDRESS(
      "BATON_COMPONENTS_REPLY_ADDRESS",
      "",
      "127.0.0.1",
      "address of this server that components send their replies to (POST /event)"),
  METRICS_OTLP_URL(
      "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
      "",
      "",
      "OTLP/HTTP endpoint metrics are also pushed to (http://collector:4318/v1/metrics); empty:"
          + " none, /_public/metrics only"),
  METRICS_OTLP_STEP_SECONDS(
      "BATON_METRICS_OTLP_STEP_SECONDS", "", "60", "how often metrics are pushed over OTLP"),
  NODE_ID(
      "BATON_NODE_ID",
      "--node-id",
      "",
      "this process's name among the nodes sharing the database; empty: host name and process id"),
  RETENTION_DAYS(
      "BATON_RETENTION_DAYS",
      "",
      "0",
      "remove jobs that ended, and ledger entries, older than this many days; 0 keeps them (the"
          + " counts of per-type rate windows that passed go either way)"),
  RETENTION_EXPORT_DIR(
      "BATON_RETENTION_EXPORT_DIR",
      "",
      "",
      "folder where retention writes what it removes (JSON lines) first; empty: no export"),
  LEADER_LEASE_SECONDS(
      "BATON_LEADER_LEASE_SECONDS",
      "",
      "6",
      "how long a node's lease on the control loop lasts; renewed every third of it"),
  SHUTDOWN_TIMEOUT_SECONDS(
      "BATON_SHUTDOWN_TIMEOUT_SECONDS",
      "",
      "30",
      "how long a stop (SIGTERM) may take to finish requests and hand leases back before the"
          + " process exits anyway, with status 1");

  private final String env;
  private final String flag;
  private final String fallback;
  private final String meaning;

  Setting(String env, String flag, String fallback, String meaning) {
    this.env = env;
    this.flag = flag;
    this.fallback = fallback;
    this.meaning = meaning;
  }

  /** The key in {@code baton.toml}: the lower-case name. An empty flag means: no flag. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String env() {
    return env;
  }

  public String flag() {
    return flag;
  }

  public String fallback() {
    return fallback;
  }

  public String meaning() {
    return meaning;
  }
}
