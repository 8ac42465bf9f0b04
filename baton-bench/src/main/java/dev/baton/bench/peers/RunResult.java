package dev.baton.bench.peers;

import java.util.Map;

/**
 * One run's figures: the {@code RESULT} line's values plus what the database saw (transactions on
 * the run's database and WAL bytes of the whole cluster, the schema's own cost taken off).
 *
 * @param workload {@code w1}, {@code w2-local}, {@code w2-remote} or {@code w3}
 */
record RunResult(String peer, String workload, int rep, Map<String, String> values) {
  boolean ok() {
    return !values.containsKey("error") && !values.containsKey("unsupported");
  }

  double get(String key) {
    String v = values.get(key);
    return v == null ? Double.NaN : Double.parseDouble(v);
  }
}
