package dev.baton.server.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cuts one write's events to the latest of each job, for a stream asked to coalesce: a job event
 * carries the job's whole state (id, blueprint, state, status), so the last one of a write says all
 * that its earlier ones did. On a busy server a job often goes from created to finished between two
 * writes of a coalescing stream (it rests {@link EventStream#COALESCED_PACE}), and its events then
 * go out as one.
 *
 * <p>Cut: a {@code jobs} event when a later one in the same write is about the same job, and a
 * {@code progress:<job_id>} event when a later one on the same channel follows. Never cut: every
 * other event, a job's last event of the write (so a job's end, which is its last, always goes
 * out), and the order of what stays (ids still grow).
 */
final class LatestPerJob {
  private LatestPerJob() {}

  /** Removes, in place, each job event that a later one in {@code items} supersedes. */
  static void cut(List<Subscription.Item> items) {
    if (items.size() < 2) {
      return;
    }
    @Nullable String[] keys = new String[items.size()];
    Map<String, Integer> last = new HashMap<>();
    int keyed = 0;
    for (int i = 0; i < keys.length; i++) {
      if (items.get(i) instanceof Subscription.Delivered d) {
        String k = keyOf(d.event());
        if (k != null) {
          keys[i] = k;
          last.put(k, i);
          keyed++;
        }
      }
    }
    if (last.size() == keyed) {
      return; // no job has two events here
    }
    int kept = 0;
    for (int i = 0; i < keys.length; i++) {
      String k = keys[i];
      Integer latest = k == null ? null : last.get(k);
      if (latest == null || latest == i) {
        items.set(kept++, items.get(i));
      }
    }
    items.subList(kept, items.size()).clear();
  }

  /** What an event is the latest word on: its job for {@code jobs}, its channel for progress. */
  private static @Nullable String keyOf(ServerEvent e) {
    String channel = e.channel();
    if (channel.equals("jobs")) {
      return e.data().get("id") instanceof String id ? id : null;
    }
    return channel.startsWith("progress:") ? channel : null;
  }
}
