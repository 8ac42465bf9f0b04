package dev.baton.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The table: one row per workload and figure, a column per peer with the median over the
 * repetitions and [min–max], and Baton's median divided by the best other peer's (for throughput
 * above 1 is better, for latency, misses and database cost below 1 is better).
 */
final class ComparisonReport {
  private record Figure(String workload, String key, String label, boolean higherIsBetter) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure("w1", "enqueue_per_s", "W1 enqueue (jobs/s)", true),
          new Figure("w1", "drain_per_s", "W1 drain (jobs/s)", true),
          new Figure("w1", "tx_per_unit", "W1 transactions per job", false),
          new Figure("w1", "wal_per_unit", "W1 WAL bytes per job", false),
          new Figure("w2-local", "p50_ms", "W2 in-process submit, p50 (ms)", false),
          new Figure("w2-local", "p99_ms", "W2 in-process submit, p99 (ms)", false),
          new Figure("w2-remote", "p50_ms", "W2 submit from another process, p50 (ms)", false),
          new Figure("w2-remote", "p99_ms", "W2 submit from another process, p99 (ms)", false),
          new Figure("w3", "missed_pct", "W3 missed fires (%)", false),
          new Figure("w3", "late_p99_ms", "W3 lateness p99 (ms)", false),
          new Figure("w3", "tx_per_unit", "W3 transactions per fire", false),
          new Figure("w3", "wal_per_unit", "W3 WAL bytes per fire", false));

  private final PeerOptions o;
  private final List<RunResult> results;

  ComparisonReport(PeerOptions o, List<RunResult> results) {
    this.o = o;
    this.results = results;
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("\n| figure |");
    o.peers().forEach(p -> sb.append(' ').append(p).append(" |"));
    sb.append(" Baton ÷ best peer |\n|---|");
    o.peers().forEach(p -> sb.append("---|"));
    sb.append("---|\n");
    List<String> notes = new ArrayList<>();
    for (Figure f : FIGURES) {
      if (results.stream().noneMatch(r -> r.workload().equals(f.workload()))) {
        continue;
      }
      sb.append("| ").append(f.label()).append(" |");
      for (String peer : o.peers()) {
        sb.append(' ').append(cell(peer, f)).append(" |");
      }
      sb.append(' ').append(ratio(f)).append(" |\n");
    }
    for (RunResult r : results) {
      if (r.values().containsKey("error")) {
        notes.add(
            r.peer() + " " + r.workload() + " rep " + r.rep() + ": " + r.values().get("error"));
      } else if (r.workload().equals("w3") && r.get("register_overran") == 1) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s w3 rep %d: registering the schedules took %.1f s, past the first fire: the"
                    + " run began with a backlog of missed fires",
                r.peer(),
                r.rep(),
                r.get("register_s")));
      } else if (r.workload().equals("w1") && r.get("complete") == 0) {
        notes.add(
            String.format(
                Locale.ROOT,
                "%s w1 rep %d: drained only %,.0f of %,d jobs within %d s (rate of what it did)",
                r.peer(),
                r.rep(),
                r.get("units"),
                o.jobs(),
                o.capSeconds()));
      }
    }
    sb.append(
        "\nmedian [min–max] over the repetitions; database cost less the schema's; WAL bytes are"
            + " the whole server's.\n");
    notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
    return sb.toString();
  }

  private double[] values(String peer, Figure f) {
    return results.stream()
        .filter(r -> r.peer().equals(peer) && r.workload().equals(f.workload()) && r.ok())
        .mapToDouble(r -> r.get(f.key()))
        .filter(v -> !Double.isNaN(v))
        .sorted()
        .toArray();
  }

  private String cell(String peer, Figure f) {
    if (results.stream()
        .anyMatch(r ->
            r.peer().equals(peer)
                && r.workload().equals(f.workload())
                && r.values().containsKey("unsupported"))) {
      return "unsupported";
    }
    double[] v = values(peer, f);
    if (v.length == 0) {
      return "n/a";
    }
    String median = number(median(v));
    return v.length == 1
        ? median
        : median + " [" + number(v[0]) + "–" + number(v[v.length - 1]) + "]";
  }

  private String ratio(Figure f) {
    double[] baton = values("baton", f);
    @Nullable String best = null;
    double bestValue = Double.NaN;
    for (String peer : o.peers()) {
      double[] v = values(peer, f);
      if (peer.equals("baton") || v.length == 0) {
        continue;
      }
      double m = median(v);
      if (best == null || (f.higherIsBetter() ? m > bestValue : m < bestValue)) {
        best = peer;
        bestValue = m;
      }
    }
    if (best == null || baton.length == 0) {
      return "—";
    }
    if (bestValue == 0) {
      return "— (" + best + " " + number(bestValue) + ")";
    }
    return String.format(Locale.ROOT, "%.2f× (%s)", median(baton) / bestValue, best);
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String number(double v) {
    double a = Math.abs(v);
    String format = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, format, v);
  }

  /** One run in one line, for the progress log. */
  static String summary(RunResult r) {
    if (!r.ok()) {
      return r.values().containsKey("error") ? "error " + r.values().get("error") : "unsupported";
    }
    List<String> parts = new ArrayList<>();
    for (Figure f : FIGURES) {
      if (f.workload().equals(r.workload()) && !Double.isNaN(r.get(f.key()))) {
        parts.add(f.key() + " " + number(r.get(f.key())));
      }
    }
    if (r.workload().equals("w1") && r.get("complete") == 0) {
      parts.add("INCOMPLETE " + number(r.get("units")));
    }
    return String.join(", ", parts);
  }
}
