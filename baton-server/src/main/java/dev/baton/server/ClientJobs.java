package dev.baton.server;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.JobQuery;
import dev.baton.job.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * The job lists a client sees: every job for an operator or admin, and for a client with the {@code
 * client} role only the jobs it created.
 *
 * <p>The store keeps the creating client inside each job's attributes, not in a column it can
 * filter on, so a client's page is found by reading the matching pages in full and keeping its own
 * jobs: a list by a {@code client} costs a read of every job of that status and blueprint. Fine for
 * thousands of jobs; a filtered column is the fix when a store holds millions.
 */
public final class ClientJobs {
  private ClientJobs() {}

  /** A page of the jobs {@code client} may see. */
  public static Page<Job> page(Engine engine, Client client, JobQuery query) {
    if (client.role() != Role.CLIENT) {
      return engine.jobs(query);
    }
    List<Job> items = new ArrayList<>();
    long total = 0;
    int offset = 0;
    while (true) {
      Page<Job> page =
          engine.jobs(new JobQuery(query.status(), query.blueprint(), JobQuery.MAX_LIMIT, offset));
      for (Job j : page.items()) {
        if (owns(client, j)) {
          if (total >= query.offset() && items.size() < query.limit()) {
            items.add(j);
          }
          total++;
        }
      }
      offset += page.items().size();
      if (page.items().size() < JobQuery.MAX_LIMIT) {
        return new Page<>(items, total);
      }
    }
  }

  /** Whether {@code client} created {@code job}. */
  public static boolean owns(Client client, Job job) {
    JobClient c = job.attributes().client();
    return c != null && client.name().equals(c.name());
  }
}
