package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.notice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Notice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link NoticeStore} must do: notices are leased to one claimer at a time. */
public interface NoticeStoreContract extends StoreSetup {
  NoticeStore noticeStore();

  @Test
  default void aNoticeIsStoredWithItsChangeAndComesBackEqual() {
    insertJob(job("j"));
    Notice n = notice("n1", "j", T0);
    assertThat(commits().commit(Change.builder().notice(n).build())).isTrue();
    assertThat(noticeStore().notice("n1")).contains(n);
    assertThat(noticeStore().noticesOf("j")).containsExactly(n);
    assertThat(commits().commit(Change.builder().notice(n).build())).as("duplicate id").isFalse();
  }

  @Test
  default void dueNoticesAreClaimedUnderALeaseOnlyOnce() {
    insertJob(job("j"));
    commits()
        .commit(
            Change.builder()
                .notice(notice("late", "j", T0.plusSeconds(60)))
                .notice(notice("b", "j", T0.plusSeconds(2)))
                .notice(notice("a", "j", T0.plusSeconds(1)))
                .build());
    Instant lease = T0.plusSeconds(30);
    List<Notice> claimed = noticeStore().claimNotices(T0.plusSeconds(5), lease, 10);
    assertThat(claimed).extracting(Notice::id).containsExactly("a", "b");
    assertThat(claimed).allSatisfy(n -> assertThat(n.dueAt()).isEqualTo(lease));
    assertThat(noticeStore().claimNotices(T0.plusSeconds(5), lease, 10)).isEmpty();
    // A claimer that died: the lease runs out and the notice is claimed again.
    assertThat(noticeStore().claimNotices(lease, lease.plusSeconds(30), 10))
        .extracting(Notice::id)
        .containsExactly("a", "b");
  }

  @Test
  default void aDeliveredOrAbandonedNoticeIsNotClaimedAgain() {
    insertJob(job("j"));
    commits()
        .commit(Change.builder().notice(notice("a", "j", T0)).notice(notice("b", "j", T0)).build());
    List<Notice> claimed = noticeStore().claimNotices(T0, T0.plusSeconds(10), 10);
    noticeStore().updateNotice(claimed.get(0).delivered());
    noticeStore().updateNotice(claimed.get(1).failed("HTTP 500", null));
    assertThat(noticeStore().claimNotices(T0.plusSeconds(60), T0.plusSeconds(70), 10)).isEmpty();
    assertThat(noticeStore().notice("a").orElseThrow().status()).isEqualTo(Notice.Status.DELIVERED);
    Notice b = noticeStore().notice("b").orElseThrow();
    assertThat(b.status()).isEqualTo(Notice.Status.ABANDONED);
    assertThat(b.attempts()).isEqualTo(1);
    assertThat(b.lastError()).isEqualTo("HTTP 500");
  }

  @Test
  default void theOldestPendingNoticeIsTheOutboxAge() {
    assertThat(noticeStore().oldestPendingNotice()).isEmpty();
    insertJob(job("j"));
    commits()
        .commit(
            Change.builder()
                .notice(notice("a", "j", T0))
                .notice(enqueuedLater(notice("b", "j", T0), 5))
                .build());
    assertThat(noticeStore().oldestPendingNotice()).contains(T0);
    Notice a = noticeStore().claimNotices(T0, T0.plusSeconds(10), 1).get(0);
    assertThat(noticeStore().oldestPendingNotice()).as("a claimed one still pends").contains(T0);
    noticeStore().updateNotice(a.delivered());
    assertThat(noticeStore().oldestPendingNotice()).contains(T0.plusSeconds(5));
  }

  @Test
  default void deliveredNoticesPastTheirAgeArePrunedInBatchesOldestFirst() {
    insertJob(job("j"));
    commits()
        .commit(
            Change.builder()
                .notice(notice("old1", "j", T0))
                .notice(enqueuedLater(notice("old2", "j", T0), 1))
                .notice(enqueuedLater(notice("old3", "j", T0), 2))
                .notice(enqueuedLater(notice("pending", "j", T0), 3))
                .notice(enqueuedLater(notice("abandoned", "j", T0), 4))
                .notice(enqueuedLater(notice("young", "j", T0), 100))
                .build());
    for (Notice n : noticeStore().claimNotices(T0, T0.plusSeconds(10), 10)) {
      switch (n.id()) {
        case "pending" -> noticeStore().updateNotice(n.failed("HTTP 500", T0.plusSeconds(60)));
        case "abandoned" -> noticeStore().updateNotice(n.failed("HTTP 500", null));
        default -> noticeStore().updateNotice(n.delivered());
      }
    }
    Instant before = T0.plusSeconds(50);
    assertThat(noticeStore().pruneDelivered(before, 2)).isEqualTo(2);
    assertThat(noticeStore().notice("old1")).as("oldest first").isEmpty();
    assertThat(noticeStore().notice("old2")).isEmpty();
    assertThat(noticeStore().notice("old3")).isPresent();
    assertThat(noticeStore().pruneDelivered(before, 2)).isEqualTo(1);
    assertThat(noticeStore().pruneDelivered(before, 2)).isZero();
    assertThat(noticeStore().noticesOf("j"))
        .extracting(Notice::id)
        .containsExactly("pending", "abandoned", "young");
  }

  private static Notice enqueuedLater(Notice n, long seconds) {
    return new Notice(
        n.id(),
        n.jobId(),
        n.event(),
        n.target(),
        n.payload(),
        n.status(),
        n.attempts(),
        n.dueAt(),
        n.createdAt().plusSeconds(seconds),
        n.lastError());
  }

  @Test
  default void aFailedNoticeIsRetriedWhenDue() {
    insertJob(job("j"));
    commits().commit(Change.builder().notice(notice("a", "j", T0)).build());
    Notice claimed = noticeStore().claimNotices(T0, T0.plusSeconds(10), 10).get(0);
    noticeStore().updateNotice(claimed.failed("timeout", T0.plusSeconds(2)));
    assertThat(noticeStore().claimNotices(T0.plusSeconds(1), T0.plusSeconds(11), 10)).isEmpty();
    assertThat(noticeStore().claimNotices(T0.plusSeconds(2), T0.plusSeconds(12), 10))
        .singleElement()
        .satisfies(n -> assertThat(n.attempts()).isEqualTo(1));
  }
}
