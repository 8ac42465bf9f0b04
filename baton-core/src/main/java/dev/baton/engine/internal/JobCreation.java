package dev.baton.engine.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Making jobs: one, many in one commit, or one under a caller's id at most once. Each is run until
 * it first waits (for a worker, a person, branches or a sub-job) in the transaction that stores it.
 */
public final class JobCreation {
  private final Blueprints blueprints;
  private final Advance advance;
  private final Transactions tx;
  private final JobStore store;

  public JobCreation(Blueprints blueprints, Advance advance, Transactions tx, JobStore store) {
    this.blueprints = blueprints;
    this.advance = advance;
    this.tx = tx;
    this.store = store;
  }

  public Job one(NewJob request) {
    Blueprint bp = blueprintOf(request);
    // Answered from what was committed: reading the job back cost a query per create, and a
    // create whose commit succeeded could still fail on that read.
    return tx.runForJob(plan -> create(bp, request, plan));
  }

  /** All of them or none: an unknown blueprint in any request is refused before anything runs. */
  public List<Job> many(List<NewJob> requests) {
    List<Blueprint> bps = requests.stream().map(this::blueprintOf).toList();
    return tx.runForJobs(plan -> {
      List<String> ids = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        ids.add(create(bps.get(i), requests.get(i), plan));
      }
      return ids;
    });
  }

  /**
   * Atomic through the store's insert guard: of two racing creates under one id, one inserts and
   * the other, planned again after its lost race, finds the winner's job and writes nothing.
   */
  public Engine.Created once(String jobId, NewJob request) {
    Optional<Job> existing = store.job(jobId);
    if (existing.isPresent()) {
      return new Engine.Created(existing.get(), false);
    }
    Blueprint bp = blueprintOf(request);
    AtomicBoolean made = new AtomicBoolean();
    tx.run(plan -> {
      made.set(store.job(jobId).isEmpty());
      if (made.get()) {
        advance.create(
            jobId,
            bp,
            request.initialData(),
            request.priority(),
            request.attributes(),
            plan,
            "created");
      }
      return jobId;
    });
    return new Engine.Created(store.job(jobId).orElseThrow(), made.get());
  }

  private Blueprint blueprintOf(NewJob request) {
    return blueprints
        .find(request.blueprint(), request.version())
        .orElseThrow(() ->
            BatonException.notFound(blueprints.missing(request.blueprint(), request.version())));
  }

  private String create(Blueprint bp, NewJob request, Plan plan) {
    return advance.create(
        bp, request.initialData(), request.priority(), request.attributes(), plan, "created");
  }
}
