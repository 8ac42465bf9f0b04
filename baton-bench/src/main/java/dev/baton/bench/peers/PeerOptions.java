package dev.baton.bench.peers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code bench peers postgres}, parsed once. Sizes default to issue 16's table;
 * {@code --quick} shrinks every size first, so options after it still apply.
 */
record PeerOptions(
    @Nullable String pgUrl,
    String pgUser,
    String pgPassword,
    List<String> peers,
    List<String> workloads,
    String variant,
    int reps,
    int threads,
    int jobs,
    int capSeconds,
    int w2Jobs,
    int gapMs,
    int schedules,
    int seconds,
    int settleSeconds,
    int graceMs,
    String heap,
    @Nullable String out) {

  static final String USAGE =
      """
      bench peers postgres [options]   Baton embedded vs db-scheduler, JobRunr, Quartz
        --pg-url URL          server to create the run databases on (default $BATON_BENCH_PG_URL,
                              else embedded PostgreSQL); --pg-user (postgres), --pg-password ('')
        --reps N              repetitions, interleaved (3)
        --peers a,b           baton,dbscheduler,jobrunr,quartz
        --workloads a,b       w1,w2,w3
        --variant V           tuned (as the libraries' docs advise) or default (their defaults)
        --jobs N              W1 jobs enqueued, then drained (20000); --threads N (8)
        --cap-s N             W1 drain gives up after N s (90)
        --w2-jobs N           W2 jobs per run (200), --gap-ms N apart (20)
        --schedules N         W3 schedules firing every second (1000), --seconds N counted (30)
        --settle-s N          W3 seconds after the first fire before counting (5); --grace-ms (5000)
        --heap SIZE           -Xmx of each run's JVM (1g)
        --out DIR             keep each run's log and RESULT line there (default: a temp folder)
        --quick               2,000 jobs, 1 rep, 50 W2 jobs, 200 schedules counted for 5 s\
      """;

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("--peers", String.join(",", PeerRun.PEERS)),
          Map.entry("--workloads", "w1,w2,w3"),
          Map.entry("--variant", "tuned"),
          Map.entry("--reps", "3"),
          Map.entry("--threads", "8"),
          Map.entry("--jobs", "20000"),
          Map.entry("--cap-s", "90"),
          Map.entry("--w2-jobs", "200"),
          Map.entry("--gap-ms", "20"),
          Map.entry("--schedules", "1000"),
          Map.entry("--seconds", "30"),
          Map.entry("--settle-s", "5"),
          Map.entry("--grace-ms", "5000"),
          Map.entry("--heap", "1g"));

  private static final Map<String, String> QUICK =
      Map.of(
          "--reps", "1",
          "--jobs", "2000",
          "--cap-s", "30",
          "--w2-jobs", "50",
          "--schedules", "200",
          "--seconds", "5",
          "--settle-s", "5",
          "--grace-ms", "3000");

  private static final List<String> OTHER_KEYS =
      List.of("--pg-url", "--pg-user", "--pg-password", "--out");

  static PeerOptions parse(List<String> args) {
    Map<String, String> given = new HashMap<>();
    boolean quick = false;
    for (int i = 0; i < args.size(); i++) {
      String key = args.get(i);
      if (key.equals("--quick")) {
        quick = true;
      } else if (!DEFAULTS.containsKey(key) && !OTHER_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown option " + key + "\n" + USAGE);
      } else if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(key + " needs a value\n" + USAGE);
      } else {
        given.put(key, args.get(++i));
      }
    }
    Map<String, String> o = new HashMap<>(DEFAULTS);
    if (quick) {
      o.putAll(QUICK);
    }
    o.putAll(given);
    Map<String, String> env = System.getenv();
    String url = o.getOrDefault("--pg-url", env.get("BATON_BENCH_PG_URL"));
    return new PeerOptions(
        url,
        o.getOrDefault("--pg-user", env.getOrDefault("BATON_BENCH_PG_USER", "postgres")),
        o.getOrDefault("--pg-password", env.getOrDefault("BATON_BENCH_PG_PASSWORD", "")),
        names(o, "--peers", List.of(PeerRun.PEERS)),
        names(o, "--workloads", List.of("w1", "w2", "w3")),
        names(o, "--variant", List.of("tuned", "default")).get(0),
        positive(o, "--reps"),
        positive(o, "--threads"),
        positive(o, "--jobs"),
        positive(o, "--cap-s"),
        positive(o, "--w2-jobs"),
        positive(o, "--gap-ms"),
        positive(o, "--schedules"),
        positive(o, "--seconds"),
        positive(o, "--settle-s"),
        positive(o, "--grace-ms"),
        o.getOrDefault("--heap", "1g"),
        o.get("--out"));
  }

  private static int positive(Map<String, String> o, String key) {
    String v = String.valueOf(o.get(key));
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException(key + " must be a positive whole number; was " + v);
  }

  private static List<String> names(Map<String, String> o, String key, List<String> known) {
    String v = String.valueOf(o.get(key));
    List<String> names = Arrays.asList(v.split(",", -1));
    for (String n : names) {
      if (!known.contains(n)) {
        throw new IllegalArgumentException(
            key + " takes " + String.join(",", known) + "; was " + v);
      }
    }
    return names;
  }
}
