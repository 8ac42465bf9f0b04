package dev.baton.fleet;

import dev.baton.job.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fair share between clients: within one priority, clients take turns, the one served least
 * recently first (a client never served before goes first, then by its oldest task), so one
 * client's backlog never starves another's. A higher priority still goes first. Works on the
 * dispatcher's window of queued tasks, which comes in queue order (priority, then age). Who was
 * served when is kept in memory: after a restart the turns start afresh, the queue order does not.
 */
final class FairShare {
  private final Map<String, Long> lastServed = new ConcurrentHashMap<>();
  private long served;

  List<Task> order(List<Task> queued) {
    List<Task> out = new ArrayList<>(queued.size());
    int i = 0;
    while (i < queued.size()) {
      int priority = queued.get(i).spec().priority();
      Map<String, Deque<Task>> byClient = new LinkedHashMap<>();
      while (i < queued.size() && queued.get(i).spec().priority() == priority) {
        Task t = queued.get(i++);
        byClient.computeIfAbsent(client(t), k -> new ArrayDeque<>()).add(t);
      }
      List<Deque<Task>> turns = new ArrayList<>(byClient.values());
      List<String> names = new ArrayList<>(byClient.keySet());
      List<Integer> index = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        index.add(k);
      }
      index.sort(Comparator.comparingLong(k -> lastServed.getOrDefault(names.get(k), -1L)));
      while (out.size() < queued.size() && !index.isEmpty()) {
        var it = index.iterator();
        while (it.hasNext()) {
          Deque<Task> q = turns.get(it.next());
          out.add(q.removeFirst());
          if (q.isEmpty()) {
            it.remove();
          }
        }
      }
    }
    return out;
  }

  /** The client of the task got a turn. */
  synchronized void served(Task t) {
    lastServed.put(client(t), served++);
  }

  static String client(Task t) {
    return RobotJobs.route(t).get("client") instanceof String c ? c : "";
  }
}
