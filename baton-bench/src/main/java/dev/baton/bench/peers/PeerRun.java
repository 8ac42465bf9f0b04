package dev.baton.bench.peers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run in a JVM of its own (the libraries keep static state and threads): {@code --peer P
 * --workload setup|w1|w2|w3 --url JDBC_URL ...}. Prints {@code CONFIG <words>} and one {@code
 * RESULT key=value ...} line, then halts without waiting for the libraries' threads. Workload
 * {@code setup} only creates the schema: what that costs is taken off the other runs' database
 * figures.
 */
public final class PeerRun {
  private PeerRun() {}

  static final String[] PEERS = {"baton", "dbscheduler", "jobrunr", "quartz"};

  static Peer peer(String name, Db db, boolean tuned, int threads) throws Exception {
    return switch (name) {
      case "baton" -> new BatonPeer(db, tuned, threads);
      case "dbscheduler" -> new DbSchedulerPeer(db, tuned, threads);
      case "jobrunr" -> new JobRunrPeer(db, tuned, threads);
      case "quartz" -> new QuartzPeer(db, tuned, threads);
      default -> throw new IllegalArgumentException("unknown peer: " + name);
    };
  }

  static Submitter client(String name, Db db, boolean tuned) throws Exception {
    return switch (name) {
      case "baton" -> BatonPeer.client(db);
      case "dbscheduler" -> DbSchedulerPeer.client(db);
      case "jobrunr" -> JobRunrPeer.client(db);
      case "quartz" -> QuartzPeer.client(db, tuned);
      default -> throw new IllegalArgumentException("unknown peer: " + name);
    };
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    String name = a.getOrDefault("peer", "baton");
    String workload = a.getOrDefault("workload", "w1");
    boolean tuned = !a.getOrDefault("variant", "tuned").equals("default");
    int threads = Integer.parseInt(a.getOrDefault("threads", "8"));
    Db db =
        new Db(
            a.getOrDefault("url", ""),
            a.getOrDefault("user", "postgres"),
            a.getOrDefault("password", ""));
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      run(name, workload, tuned, threads, db, a, out);
    } catch (Exception e) {
      out.put("error", e.toString().replace(' ', '_'));
      e.printStackTrace();
    }
    StringBuilder line = new StringBuilder("RESULT");
    out.forEach((k, v) -> line.append(' ').append(k).append('=').append(format(v)));
    System.out.println(line);
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void run(
      String name,
      String workload,
      boolean tuned,
      int threads,
      Db db,
      Map<String, String> a,
      Map<String, Object> out)
      throws Exception {
    Peer peer = peer(name, db, tuned, threads);
    System.out.println("CONFIG " + peer.describe());
    @Nullable RemoteSubmitter remote = null;
    try {
      switch (workload) {
        case "setup" -> out.put("units", 0);
        case "w1" ->
            Workloads.w1(
                peer,
                Integer.parseInt(a.getOrDefault("jobs", "20000")),
                Long.parseLong(a.getOrDefault("cap-ms", "90000")),
                out);
        case "w2" -> {
          if (a.getOrDefault("mode", "local").equals("remote")) {
            remote = RemoteSubmitter.start(name, db, tuned);
          }
          Workloads.w2(
              peer,
              remote,
              Integer.parseInt(a.getOrDefault("w2-jobs", "200")),
              Long.parseLong(a.getOrDefault("gap-ms", "20")),
              out);
        }
        case "w3" ->
            Workloads.w3(
                peer,
                Integer.parseInt(a.getOrDefault("schedules", "1000")),
                Integer.parseInt(a.getOrDefault("window-s", "30")),
                Integer.parseInt(a.getOrDefault("settle-s", "5")),
                Long.parseLong(a.getOrDefault("grace-ms", "5000")),
                out);
        default -> throw new IllegalArgumentException("unknown workload: " + workload);
      }
    } finally {
      if (remote != null) {
        remote.close();
      }
      closeBounded(peer);
    }
  }

  /** Closes on a daemon thread, waiting at most 15 s: a library that hangs in stop ends the run. */
  private static void closeBounded(Peer peer) throws InterruptedException {
    Thread closer =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              try {
                peer.close();
              } catch (Exception e) {
                System.err.println("close: " + e);
              }
            });
    closer.join(15_000);
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return d.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.3f", d);
    }
    return v.toString();
  }
}
