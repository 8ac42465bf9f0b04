package dev.baton.store;

import dev.baton.job.Notice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The notice outbox of an {@link InMemoryStore}. Not thread-safe: the store holds its lock. */
final class MemoryNotices {
  private final Map<String, Notice> notices = new LinkedHashMap<>();

  boolean canEnqueue(Notice n) {
    return !notices.containsKey(n.id());
  }

  void enqueue(Notice n) {
    notices.put(n.id(), n);
  }

  List<Notice> claim(Instant now, Instant leaseUntil, int limit) {
    List<Notice> due =
        notices.values().stream()
            .filter(n -> n.status() == Notice.Status.PENDING && !n.dueAt().isAfter(now))
            .sorted(
                Comparator.comparing(Notice::dueAt)
                    .thenComparing(Notice::createdAt)
                    .thenComparing(Notice::id))
            .limit(limit)
            .toList();
    List<Notice> claimed = new ArrayList<>();
    for (Notice n : due) {
      Notice leased =
          new Notice(
              n.id(),
              n.jobId(),
              n.event(),
              n.target(),
              n.payload(),
              n.status(),
              n.attempts(),
              leaseUntil,
              n.createdAt(),
              n.lastError());
      notices.put(n.id(), leased);
      claimed.add(leased);
    }
    return claimed;
  }

  void update(Notice notice) {
    if (notices.containsKey(notice.id())) {
      notices.put(notice.id(), notice);
    }
  }

  Optional<Notice> notice(String id) {
    return Optional.ofNullable(notices.get(id));
  }

  Optional<Instant> oldestPending() {
    return notices.values().stream()
        .filter(n -> n.status() == Notice.Status.PENDING)
        .map(Notice::createdAt)
        .min(Comparator.naturalOrder());
  }

  void forgetJob(String jobId) {
    notices.values().removeIf(n -> n.jobId().equals(jobId));
  }

  int pruneDelivered(Instant before, int limit) {
    List<String> old =
        notices.values().stream()
            .filter(n -> n.status() == Notice.Status.DELIVERED && n.createdAt().isBefore(before))
            .sorted(Comparator.comparing(Notice::createdAt).thenComparing(Notice::id))
            .limit(limit)
            .map(Notice::id)
            .toList();
    old.forEach(notices::remove);
    return old.size();
  }

  List<Notice> noticesOf(String jobId) {
    return notices.values().stream().filter(n -> n.jobId().equals(jobId)).toList();
  }
}
