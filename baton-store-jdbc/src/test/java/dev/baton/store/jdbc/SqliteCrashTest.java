package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.store.Change;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted means durable: a process killed mid-write loses no write it acknowledged. */
class SqliteCrashTest {
  private static final int ACKS_BEFORE_KILL = 1000;

  @TempDir Path dir;

  @Test
  void aKilledProcessLosesNoAcknowledgedCommit() throws Exception {
    Path file = dir.resolve("baton.db");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                SqliteCrashTest.class.getName(),
                file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        acknowledged.add(line);
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(acknowledged).allSatisfy(id -> assertThat(store.job(id)).isPresent());
    }
  }

  /** The child: 8 threads commit jobs and print each id once its commit returned, then halt. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JdbcStore store = JdbcStore.sqlite(Path.of(args[0]));
    AtomicInteger acks = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread.ofPlatform()
          .start(() -> {
            for (int i = 0; ; i++) {
              String id = "j-" + thread + "-" + i;
              store.commit(Change.builder().insertJob(job(id)).build());
              synchronized (out) {
                out.println(id);
                if (acks.incrementAndGet() == ACKS_BEFORE_KILL) {
                  out.flush();
                  Runtime.getRuntime().halt(137); // like kill -9: no shutdown hooks, no close
                }
              }
            }
          });
    }
  }

  private static Job job(String id) {
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    return new Job(
        id,
        "bp",
        1,
        "start",
        JobStatus.PENDING,
        Map.of(),
        Map.of(),
        0,
        0,
        now,
        now,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        JobAttributes.NONE,
        1,
        null);
  }
}
