package dev.baton.bench.peers;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr (open source) on its PostgreSQL storage provider. default: pollInterval 15 s (the
 * library's default). tuned: pollInterval 5 s, the smallest the open-source edition accepts for SQL
 * storage. It refuses recurring intervals under 5 s, so it sits out W3.
 */
final class JobRunrPeer implements Peer {
  private final HikariDataSource ds;
  private final boolean tuned;
  private final JobRunrConfigurationResult configured;

  JobRunrPeer(Db db, boolean tuned, int threads) {
    this.tuned = tuned;
    ds = db.pool(threads + 4, "jobrunr");
    configured =
        JobRunr.configure()
            .useJsonMapper(new JacksonJsonMapper())
            .useStorageProvider(new PostgresStorageProvider(ds))
            .useBackgroundJobServer(
                usingStandardBackgroundJobServerConfiguration()
                    .andWorkerCount(threads)
                    .andPollInterval(Duration.ofSeconds(tuned ? 5 : 15)),
                false)
            .initialize();
  }

  @Override
  public String describe() {
    return tuned
        ? "JobRunr tuned: pollInterval=5s (the open-source minimum for SQL storage)"
        : "JobRunr default: pollInterval=15s";
  }

  private JobScheduler scheduler() {
    return configured.getJobScheduler();
  }

  @Override
  public void enqueueBulk(int n) {
    scheduler().enqueue(IntStream.range(0, n).boxed(), (Integer i) -> BenchJobs.noop(i));
  }

  @Override
  public void start() {
    configured.getBackgroundJobServer().start();
  }

  @Override
  public void submit(int id) {
    scheduler().enqueue(() -> BenchJobs.noop(id));
  }

  @Override
  public void submitWarmup(int k) {
    scheduler().enqueue(() -> BenchJobs.warm(k));
  }

  @Override
  public boolean registerEverySecond(int count, long firstFireEpochMs) {
    return false; // the open-source edition rejects intervals below 5 s for SQL storage
  }

  @Override
  public void close() {
    try {
      configured.getBackgroundJobServer().stop();
    } catch (RuntimeException e) {
      System.err.println("jobrunr stop: " + e);
    }
    ds.close();
  }

  /** Another process's submitter: JobRunr configured on the same storage, with no job server. */
  static Submitter client(Db db) {
    HikariDataSource ds = db.pool(2, "jobrunr-client");
    JobScheduler scheduler =
        JobRunr.configure()
            .useJsonMapper(new JacksonJsonMapper())
            .useStorageProvider(new PostgresStorageProvider(ds))
            .initialize()
            .getJobScheduler();
    return new Submitter() {
      @Override
      public void submit(int id) {
        scheduler.enqueue(() -> BenchJobs.noop(id));
      }

      @Override
      public void submitWarmup(int k) {
        scheduler.enqueue(() -> BenchJobs.warm(k));
      }

      @Override
      public void close() {
        ds.close();
      }
    };
  }

  /** The job bodies JobRunr's lambdas name; public, because JobRunr invokes them by reflection. */
  public static final class BenchJobs {
    private BenchJobs() {}

    public static void noop(Integer id) {
      Recorder.started(id);
    }

    public static void warm(Integer k) {
      Recorder.warmup();
    }
  }
}
