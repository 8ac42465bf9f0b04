package dev.baton.server;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.JobQuery;
import dev.baton.job.Page;

/**
 * The job lists a client sees: every job for an operator or admin, and for a client with the {@code
 * client} role only the jobs it created. The store filters on the creating client (a column with an
 * index in the SQL stores), so a client's page of 50 holds 50 of its own jobs and its total counts
 * only its own.
 */
public final class ClientJobs {
  private ClientJobs() {}

  /** A page of the jobs {@code client} may see. */
  public static Page<Job> page(Engine engine, Client client, JobQuery query) {
    return engine.jobs(client.role() == Role.CLIENT ? query.ofClient(client.name()) : query);
  }

  /** Whether {@code client} may see {@code job}: any job for an operator, else only its own. */
  public static boolean sees(Client client, Job job) {
    return client.role() != Role.CLIENT || owns(client, job);
  }

  /** Whether {@code client} created {@code job}. */
  public static boolean owns(Client client, Job job) {
    JobClient c = job.attributes().client();
    return c != null && client.name().equals(c.name());
  }
}
