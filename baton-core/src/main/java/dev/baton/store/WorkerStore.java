package dev.baton.store;

import dev.baton.worker.Worker;
import java.util.List;
import java.util.Optional;

/** The registry of workers. Checked by {@code WorkerStoreContract}; safe from many threads. */
public interface WorkerStore {

  /** Inserts the worker or replaces the stored one. */
  void putWorker(Worker worker);

  Optional<Worker> worker(String id);

  List<Worker> workers();
}
