package dev.baton.fleet;

import dev.baton.job.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fair share between clients: within one priority, clients take turns in the order they first
 * appear (oldest task first), so one client's backlog never starves another's. A higher priority
 * still goes first. Works on the dispatcher's window of queued tasks, which is already in queue
 * order (priority, then age).
 */
final class FairShare {
  private FairShare() {}

  static List<Task> order(List<Task> queued) {
    List<Task> out = new ArrayList<>(queued.size());
    int i = 0;
    while (i < queued.size()) {
      int priority = queued.get(i).spec().priority();
      Map<String, Deque<Task>> byClient = new LinkedHashMap<>();
      while (i < queued.size() && queued.get(i).spec().priority() == priority) {
        Task t = queued.get(i++);
        byClient.computeIfAbsent(client(t), k -> new ArrayDeque<>()).add(t);
      }
      while (!byClient.isEmpty()) {
        var it = byClient.values().iterator();
        while (it.hasNext()) {
          Deque<Task> q = it.next();
          out.add(q.removeFirst());
          if (q.isEmpty()) {
            it.remove();
          }
        }
      }
    }
    return out;
  }

  private static String client(Task t) {
    return Fleet.route(t).get("client") instanceof String c ? c : "";
  }
}
