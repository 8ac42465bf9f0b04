package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What every {@link RobotCommandStore} must do; part of {@link FleetStoreContract}. */
public interface RobotCommandStoreContract {
  RobotCommandStore commandStore();

  @Test
  default void aCommandIsTakenOnceOldestFirstAndOnlyForItsRobot() {
    RobotCommand pause = new RobotCommand("r1", "pause", Map.of("robot_id", "r1"), T0);
    RobotCommand other = new RobotCommand("r2", "shutdown", Map.of("graceful", true), T0);
    RobotCommand resume =
        new RobotCommand("r1", "resume", Map.of("robot_id", "r1"), T0.plusSeconds(1));
    commandStore().queueCommand(pause);
    commandStore().queueCommand(other);
    commandStore().queueCommand(resume);

    assertThat(commandStore().takeCommands(Set.of("r1", "r9"))).containsExactly(pause, resume);
    assertThat(commandStore().takeCommands(Set.of("r1"))).isEmpty();
    assertThat(commandStore().takeCommands(Set.of())).isEmpty();
    assertThat(commandStore().takeCommands(List.of("r2"))).containsExactly(other);
  }

  /** Two nodes asking at once (a robot that moved): each command reaches one of them. */
  @Test
  default void commandsTakenAtOnceAreTakenOnce() throws Exception {
    int count = 40;
    for (int i = 0; i < count; i++) {
      commandStore()
          .queueCommand(new RobotCommand("r1", "status_request", Map.of("n", i), T0.plusMillis(i)));
    }
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    List<Object> all = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> takers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      takers.add(
          Thread.ofVirtual()
              .start(() -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int round = 0; round < 10; round++) {
                  for (RobotCommand c : commandStore().takeCommands(Set.of("r1"))) {
                    seen.add(c.payload().get("n"));
                    all.add(c.payload().get("n"));
                  }
                }
              }));
    }
    start.countDown();
    for (Thread t : takers) {
      t.join();
    }
    seen.addAll(
        commandStore().takeCommands(Set.of("r1")).stream().map(c -> c.payload().get("n")).toList());
    assertThat(seen).hasSize(count);
    assertThat(all).doesNotHaveDuplicates();
  }
}
