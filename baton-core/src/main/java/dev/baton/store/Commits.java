package dev.baton.store;

import java.util.List;

/**
 * The one write port for what the engine keeps. A change may span aggregates (a schedule fire
 * commits a job, its first task and the schedule's run together), so there is one commit for all of
 * them rather than one per aggregate.
 *
 * <p>Contract (checked by {@code CommitContract}): a commit that returns has been made durable (for
 * a durable store), or has changed nothing; every method is safe to call from many threads.
 */
public interface Commits {

  /**
   * Applies every operation of the change in one transaction.
   *
   * @return false, having changed nothing, when a guard failed (a concurrent change won)
   * @throws StoreException when the store itself failed; nothing was applied
   */
  boolean commit(Change change);

  /**
   * Applies many changes, each on its own terms (one failing guard fails only its change), as
   * cheaply as the store can: a group-committing store makes them one transaction.
   *
   * @return for each change, whether it was applied
   */
  default List<Boolean> commitAll(List<Change> changes) {
    return changes.stream().map(this::commit).toList();
  }
}
