package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link JobKeys} must do: a key has one owner at a time. */
public interface JobKeysContract {
  JobKeys jobKeys();

  @Test
  default void aKeyHasOneOwnerUntilItExpires() {
    assertThat(jobKeys().claimKey("k", "job-1", T0, T0.plusSeconds(300))).isEmpty();
    assertThat(jobKeys().claimKey("k", "job-2", T0.plusSeconds(299), null)).contains("job-1");
    assertThat(jobKeys().claimKey("k", "job-3", T0.plusSeconds(300), null)).isEmpty();
    assertThat(jobKeys().claimKey("k", "job-4", T0.plusSeconds(100_000), null)).contains("job-3");
  }

  @Test
  default void aKeyMovesAndIsReleasedOnlyByItsOwner() {
    jobKeys().claimKey("k", "pending", T0, null);
    jobKeys().moveKey("k", "someone-else", "job-x");
    assertThat(jobKeys().claimKey("k", "probe", T0, null)).contains("pending");
    jobKeys().moveKey("k", "pending", "job-1");
    assertThat(jobKeys().claimKey("k", "probe", T0, null)).contains("job-1");
    jobKeys().releaseKey("k", "someone-else");
    assertThat(jobKeys().claimKey("k", "probe", T0, null)).contains("job-1");
    jobKeys().releaseKey("k", "job-1");
    assertThat(jobKeys().claimKey("k", "job-2", T0, null)).isEmpty();
  }
}
