package dev.baton.bench;

import dev.baton.store.Store;
import java.util.Locale;

/**
 * Baton's benchmarks. {@code java -jar baton-bench.jar <drain|e2e|latency|memory>
 * <sqlite|postgres>}. Each prints one line per measurement; run on an otherwise idle machine and
 * repeat.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "drain";
    String kind = args.length > 1 ? args[1] : "sqlite";
    System.out.printf(
        Locale.ROOT,
        "baton bench %s on %s (%d cores, java %s)%n",
        which,
        kind,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind)) {
      switch (which) {
        case "drain" -> Drain.run(store, intArg(args, 2, 20_000), 8, intArg(args, 3, 64));
        default -> throw new IllegalArgumentException("unknown benchmark: " + which);
      }
    }
    System.exit(0);
  }

  static int intArg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  static void print(String what, long count, String unit, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %,8d %s in %6.2f s = %,10.0f %s/s%n",
        what,
        count,
        unit,
        seconds,
        count / seconds,
        unit);
  }
}
