package dev.baton.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Counted quotas per holder and period. Checked by {@code QuotaStoreContract}. */
public interface QuotaStore {

  /**
   * Uses one unit of a quota, atomically: {@code key} names the quota holder and {@code period} the
   * window (e.g. {@code 2026-11}), so a new period starts from zero.
   *
   * @return the units left after this one, or -1 when none was left (nothing is used then)
   */
  default long consumeQuota(String key, String period, long limit) {
    return consumeQuota(key, period, limit, 1);
  }

  /**
   * Uses {@code units} units of the quota at once, or none: a request that counts as many attempts
   * (a batch of jobs) either fits in what is left or uses nothing.
   *
   * @return the units left after these, or -1 when fewer than {@code units} were left (nothing is
   *     used then)
   */
  default long consumeQuota(String key, String period, long limit, long units) {
    return consumeQuota(key, period, limit, units, null);
  }

  /**
   * Uses {@code units} units of a quota whose period ends at {@code endsAt}, or none, as {@link
   * #consumeQuota(String, String, long, long)}: once its period has passed, the leader's retention
   * deletes its count ({@link RetentionStore#forgetQuotaWindows}). Null: a quota kept for ever (a
   * client's month).
   */
  long consumeQuota(String key, String period, long limit, long units, @Nullable Instant endsAt);
}
