package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link QuotaStore} must do: a quota is never overspent, however many race. */
public interface QuotaStoreContract {
  QuotaStore quotaStore();

  @Test
  default void aQuotaCountsDownPerPeriodAndNeverBelowZero() {
    assertThat(quotaStore().consumeQuota("client-a", "2030-01", 2)).isEqualTo(1);
    assertThat(quotaStore().consumeQuota("client-a", "2030-01", 2)).isEqualTo(0);
    assertThat(quotaStore().consumeQuota("client-a", "2030-01", 2)).isEqualTo(-1);
    assertThat(quotaStore().consumeQuota("client-a", "2030-01", 2)).isEqualTo(-1);
    assertThat(quotaStore().consumeQuota("client-b", "2030-01", 2))
        .as("another client")
        .isEqualTo(1);
    assertThat(quotaStore().consumeQuota("client-a", "2030-02", 2)).as("a new month").isEqualTo(1);
    assertThat(quotaStore().consumeQuota("client-c", "2030-01", 0)).isEqualTo(-1);
  }

  @Test
  default void manyUnitsAreUsedAllAtOnceOrNotAtAll() {
    assertThat(quotaStore().consumeQuota("batch", "2030-01", 10, 4)).isEqualTo(6);
    assertThat(quotaStore().consumeQuota("batch", "2030-01", 10, 7)).as("7 > 6 left").isEqualTo(-1);
    assertThat(quotaStore().consumeQuota("batch", "2030-01", 10, 6)).isEqualTo(0);
    assertThat(quotaStore().consumeQuota("batch", "2030-01", 10)).isEqualTo(-1);
    assertThat(quotaStore().consumeQuota("fresh", "2030-01", 10, 11)).isEqualTo(-1);
    assertThat(quotaStore().consumeQuota("fresh", "2030-01", 10, 10)).isEqualTo(0);
  }

  @Test
  default void racingQuotaConsumersNeverOverspend() throws Exception {
    int limit = 50;
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(
            pool.submit(() -> {
              for (int k = 0; k < 20; k++) {
                if (quotaStore().consumeQuota("hot", "2030-01", limit) >= 0) {
                  granted.incrementAndGet();
                }
              }
            }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(granted.get()).isEqualTo(limit);
  }
}
