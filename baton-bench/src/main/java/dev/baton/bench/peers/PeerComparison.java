package dev.baton.bench.peers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench peers postgres}: issue 16's side-by-side comparison. Every run is a fresh JVM
 * ({@link PeerRun}) on a fresh database of one PostgreSQL server; runs are interleaved (for each
 * repetition, each workload, each peer, the peers' order turning by one every repetition), and
 * {@link ComparisonReport} prints medians, min–max and Baton ÷ the best peer.
 *
 * <p>Database cost: transactions are {@code xact_commit + xact_rollback} of the run's database in
 * {@code pg_stat_database}, read from another database after the run's JVM has exited (a backend
 * reports its counts when it ends); WAL bytes are {@code pg_current_wal_lsn()} moves of the whole
 * server, so other clients of the same server add to them (the header prints their rate). Both less
 * what creating the peer's schema costs (one {@code setup} run per peer).
 */
public final class PeerComparison {
  private final PeerOptions o;
  private final Db admin;
  private final Path logs;
  private final Map<String, double[]> setupCost = new HashMap<>();
  private final List<RunResult> results = new ArrayList<>();

  private PeerComparison(PeerOptions o, Db admin, Path logs) {
    this.o = o;
    this.admin = admin;
    this.logs = logs;
  }

  public static void run(List<String> args) throws Exception {
    if (args.contains("--help")) {
      System.out.println(PeerOptions.USAGE);
      return;
    }
    PeerOptions o = PeerOptions.parse(args);
    Path logs =
        o.out() != null
            ? Files.createDirectories(Path.of(String.valueOf(o.out())))
            : Files.createTempDirectory("baton-bench-peers");
    String url = o.pgUrl();
    if (url != null) {
      new PeerComparison(o, new Db(url, o.pgUser(), o.pgPassword()), logs).go();
      return;
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      new PeerComparison(o, new Db(pg.getJdbcUrl("postgres", "postgres"), "postgres", ""), logs)
          .go();
    }
  }

  private void go() throws Exception {
    System.out.println(header());
    System.out.println("logs and RESULT lines: " + logs);
    for (String peer : o.peers()) {
      RunResult setup = runOne(peer, "setup", "local", 0);
      setupCost.put(peer, new double[] {setup.get("db_tx"), setup.get("wal_bytes")});
    }
    for (int rep = 1; rep <= o.reps(); rep++) {
      for (String workload : o.workloads()) {
        for (int k = 0; k < o.peers().size(); k++) {
          String peer = o.peers().get((k + rep - 1) % o.peers().size());
          switch (workload) {
            case "w2" -> {
              results.add(runOne(peer, "w2", "local", rep));
              results.add(runOne(peer, "w2", "remote", rep));
            }
            case "w3" -> {
              if (peer.equals("jobrunr")) {
                results.add(unsupported(peer, rep));
              } else {
                results.add(runOne(peer, "w3", "local", rep));
              }
            }
            default -> results.add(runOne(peer, workload, "local", rep));
          }
        }
      }
    }
    System.out.println();
    System.out.println(header());
    System.out.print(new ComparisonReport(o, results).render());
  }

  private static RunResult unsupported(String peer, int rep) {
    System.out.printf(
        Locale.ROOT, "%s rep %d w3 %s: unsupported (1 s interval)%n", now(), rep, peer);
    return new RunResult(peer, "w3", rep, Map.of("unsupported", "1"));
  }

  private RunResult runOne(String peer, String workload, String mode, int rep) throws Exception {
    String name = "w2".equals(workload) ? "w2-" + mode : workload;
    String database =
        "baton_peers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    sql("CREATE DATABASE " + database);
    Map<String, String> values = new LinkedHashMap<>();
    try {
      long[] before = stats(database);
      long t0 = System.nanoTime();
      Path log = logs.resolve(String.format(Locale.ROOT, "%s-%s-%d.log", peer, name, rep));
      values.putAll(spawn(peer, workload, mode, admin.withDatabase(database), log));
      double seconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(700); // the run's backends have ended; let their last counts land
      long[] after = stats(database);
      double[] setup = setupCost.getOrDefault(peer, new double[] {0, 0});
      double tx = after[0] - before[0] - setup[0];
      double wal = after[1] - before[1] - setup[1];
      values.put("db_tx", Double.toString(after[0] - before[0]));
      values.put("wal_bytes", Double.toString(after[1] - before[1]));
      values.put("run_s", Double.toString(seconds));
      String units = values.get("units");
      if (units != null && Double.parseDouble(units) > 0) {
        values.put("tx_per_unit", Double.toString(tx / Double.parseDouble(units)));
        values.put("wal_per_unit", Double.toString(wal / Double.parseDouble(units)));
      }
    } finally {
      sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    RunResult r = new RunResult(peer, name, rep, values);
    Files.writeString(
        logs.resolve("results.txt"),
        "RESULT peer=" + peer + " workload=" + name + " rep=" + rep + " " + values + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    System.out.printf(
        Locale.ROOT,
        "%s rep %d %-9s %-11s %s (load %s)%n",
        now(),
        rep,
        name,
        peer,
        ComparisonReport.summary(r),
        loadAverage());
    return r;
  }

  /** Runs one {@link PeerRun} in its own JVM and returns its RESULT line's values. */
  private Map<String, String> spawn(String peer, String workload, String mode, Db db, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "-Xms256m",
            "-Xmx" + o.heap(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            PeerRun.class.getName()));
    Map<String, String> a = new LinkedHashMap<>();
    a.put("--peer", peer);
    a.put("--workload", workload);
    a.put("--mode", mode);
    a.put("--variant", o.variant());
    a.put("--threads", Integer.toString(o.threads()));
    a.put("--url", db.url());
    a.put("--user", db.user());
    a.put("--password", db.password());
    a.put("--jobs", Integer.toString(o.jobs()));
    a.put("--cap-ms", Long.toString(o.capSeconds() * 1000L));
    a.put("--w2-jobs", Integer.toString(o.w2Jobs()));
    a.put("--gap-ms", Integer.toString(o.gapMs()));
    a.put("--schedules", Integer.toString(o.schedules()));
    a.put("--window-s", Integer.toString(o.seconds()));
    a.put("--settle-s", Integer.toString(o.settleSeconds()));
    a.put("--grace-ms", Integer.toString(o.graceMs()));
    a.forEach((k, v) -> {
      cmd.add(k);
      cmd.add(v);
    });
    long timeoutS =
        switch (workload) {
          // The enqueue is not capped: Quartz enqueues about 100-250 jobs/s here.
          case "w1" -> o.capSeconds() + 120L + o.jobs() / 20;
          case "w3" -> o.settleSeconds() + o.seconds() + o.graceMs() / 1000 + 90L;
          default -> 180L;
        };
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return Map.of("error", "timeout_after_" + timeoutS + "s");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("RESULT ")) {
        for (String kv : line.substring(7).split(" ", -1)) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            values.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
      }
    }
    if (values.isEmpty()) {
      values.put("error", "no_RESULT_line_(exit_" + p.exitValue() + ")_see_" + log);
    }
    return values;
  }

  /** [transactions of that database so far, the server's WAL position in bytes]. */
  private long[] stats(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT coalesce(sum(xact_commit + xact_rollback), 0),"
                    + " pg_current_wal_lsn() - '0/0'::pg_lsn FROM pg_stat_database"
                    + " WHERE datname = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private @Nullable String query(String sql) {
    try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The date, the machine and the server, and how much WAL the server writes for others. */
  private String header() throws Exception {
    long wal0 = stats("postgres")[1];
    Thread.sleep(2000);
    long wal1 = stats("postgres")[1];
    return String.format(
        Locale.ROOT,
        "bench peers on %s: %d cores, load average %s, java %s%n%s%n%s%n"
            + "WAL written by the server's other clients while idle: %,d B/s%n"
            + "sizes: W1 %,d jobs, %d threads; W2 %d jobs %d ms apart; W3 %d schedules × %d s;"
            + " %d reps, variant %s",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        Runtime.version(),
        query("SELECT version()"),
        query(
            "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN"
                + " ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections',"
                + " 'wal_level')"),
        (wal1 - wal0) / 2,
        o.jobs(),
        o.threads(),
        o.w2Jobs(),
        o.gapMs(),
        o.schedules(),
        o.seconds(),
        o.reps(),
        o.variant());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ", -1)[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String now() {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
        .format(java.time.LocalTime.now(java.time.ZoneOffset.UTC));
  }
}
