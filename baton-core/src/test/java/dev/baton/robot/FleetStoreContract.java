package dev.baton.robot;

import dev.baton.store.Commits;
import dev.baton.store.JobStore;
import dev.baton.store.Store;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link FleetStore} must do: every fleet port's contract ({@link RobotStoreContract},
 * {@link JobKeysContract}, {@link RobotRunStoreContract}, {@link JobLogStoreContract}, {@link
 * FleetQueueContract}, {@link RobotCommandStoreContract}) on one store. Robot jobs over each store
 * (de-duplication and idempotency keys on a real engine) are checked by baton-robots' {@code
 * RobotJobsContract}, where the fleet lives. Subclass it per store; {@link #newStore()} returns an
 * empty store that is also a FleetStore.
 */
public abstract class FleetStoreContract
    implements RobotStoreContract,
        JobKeysContract,
        RobotRunStoreContract,
        JobLogStoreContract,
        FleetQueueContract,
        DeploymentStoreContract,
        RobotCommandStoreContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  protected Store store;
  protected FleetStore fleet;

  protected abstract Store newStore();

  @Override
  public RobotStore robotStore() {
    return fleet;
  }

  @Override
  public DeploymentStore deployments() {
    return fleet;
  }

  @Override
  public RobotCommandStore commandStore() {
    return fleet;
  }

  @Override
  public JobKeys jobKeys() {
    return fleet;
  }

  @Override
  public RobotRunStore runStore() {
    return fleet;
  }

  @Override
  public JobLogStore jobLogStore() {
    return fleet;
  }

  @Override
  public FleetQueue fleetQueue() {
    return fleet;
  }

  @Override
  public Commits commits() {
    return store;
  }

  @Override
  public JobStore jobStore() {
    return store;
  }

  @BeforeEach
  void open() {
    store = newStore();
    fleet = (FleetStore) store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
