package dev.baton.fleet;

import dev.baton.job.Task;
import dev.baton.store.CounterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fair share between clients: within one priority, clients take turns, the one served least
 * recently first (a client never served before goes first, then by its oldest task), so one
 * client's backlog never starves another's. A higher priority still goes first. Works on the
 * dispatcher's window of queued tasks, which comes in queue order (priority, then age).
 *
 * <p>Who was served when is the store's ({@link CounterStore#turns}, the {@code client_turns}
 * table, which HTTP workers' claims share), so the turns hold across nodes and restarts. A window
 * with fewer than two clients is taken in queue order without reading them, and tasks that name no
 * client record no turn: robot jobs without clients cost nothing extra.
 */
final class FairShare {
  private final CounterStore turns;

  FairShare(CounterStore turns) {
    this.turns = turns;
  }

  List<Task> order(List<Task> queued) {
    Set<String> clients = new LinkedHashSet<>();
    queued.forEach(t -> clients.add(client(t)));
    if (clients.size() < 2) {
      return queued;
    }
    clients.remove("");
    Map<String, Long> lastServed = turns.turns(clients);
    List<Task> out = new ArrayList<>(queued.size());
    int i = 0;
    while (i < queued.size()) {
      int priority = queued.get(i).spec().priority();
      Map<String, Deque<Task>> byClient = new LinkedHashMap<>();
      while (i < queued.size() && queued.get(i).spec().priority() == priority) {
        Task t = queued.get(i++);
        byClient.computeIfAbsent(client(t), k -> new ArrayDeque<>()).add(t);
      }
      List<Deque<Task>> queues = new ArrayList<>(byClient.values());
      List<String> names = new ArrayList<>(byClient.keySet());
      List<Integer> index = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        index.add(k);
      }
      index.sort(Comparator.comparingLong(k -> lastServed.getOrDefault(names.get(k), -1L)));
      while (out.size() < queued.size() && !index.isEmpty()) {
        var it = index.iterator();
        while (it.hasNext()) {
          Deque<Task> q = queues.get(it.next());
          out.add(q.removeFirst());
          if (q.isEmpty()) {
            it.remove();
          }
        }
      }
    }
    return out;
  }

  /**
   * The clients of these claimed tasks got their turns, in this order; one write, none when no task
   * names a client.
   */
  void served(List<Task> claimed) {
    List<String> clients = new ArrayList<>();
    for (Task t : claimed) {
      String c = client(t);
      if (!c.isEmpty() && (clients.isEmpty() || !clients.getLast().equals(c))) {
        clients.add(c);
      }
    }
    if (!clients.isEmpty()) {
      turns.served(clients);
    }
  }

  static String client(Task t) {
    return RobotJobs.route(t).get("client") instanceof String c ? c : "";
  }
}
