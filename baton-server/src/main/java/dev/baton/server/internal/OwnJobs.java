package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.Page;
import dev.baton.server.Client;
import dev.baton.server.Role;

/**
 * The job lists a client sees: every job for an operator or admin, and for a client with the {@code
 * client} role only the jobs it created. The store filters on the creating client (a column with an
 * index in the SQL stores), so a client's page of 50 holds 50 of its own jobs and its total counts
 * only its own.
 */
final class OwnJobs {
  private OwnJobs() {}

  static Page<Job> page(Engine engine, Client client, JobQuery query) {
    return engine.jobs(client.role() == Role.CLIENT ? query.ofClient(client.name()) : query);
  }
}
