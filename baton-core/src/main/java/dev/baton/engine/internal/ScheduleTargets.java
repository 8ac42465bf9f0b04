package dev.baton.engine.internal;

import dev.baton.engine.NewJob;
import dev.baton.engine.ScenarioStarter;
import dev.baton.job.JobAttributes;
import dev.baton.schedule.ScheduleDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a schedule's target starts: a registered blueprint, or the job the scenarios port makes of a
 * scenario. Read at every fire (and when a schedule is written, to refuse an unknown target), so a
 * blueprint registered later is found.
 */
public final class ScheduleTargets implements Function<ScheduleDefinition.Target, Firing.Target> {
  private final Blueprints blueprints;
  private final ScenarioStarter scenarios;

  public ScheduleTargets(Blueprints blueprints, ScenarioStarter scenarios) {
    this.blueprints = blueprints;
    this.scenarios = scenarios;
  }

  @Override
  public Firing.Target apply(ScheduleDefinition.Target t) {
    NewJob job =
        switch (t.kind()) {
          case BLUEPRINT -> new NewJob(t.name(), t.version(), t.input(), 0, JobAttributes.NONE);
          case SCENARIO -> {
            // The schedule's input reaches the scenario as its trigger's data.
            Map<String, Object> trigger = new LinkedHashMap<>();
            trigger.put("source", "schedule");
            trigger.put("data", t.input());
            yield scenarios.jobFor(t.name(), trigger).orElse(null);
          }
        };
    if (job == null) {
      return new Firing.Target.Missing("scenario '" + t.name() + "' is not known");
    }
    return blueprints
        .find(job.blueprint(), job.version())
        .<Firing.Target>map(b -> new Firing.Target.Startable(b, job.initialData()))
        .orElseGet(
            () -> new Firing.Target.Missing(blueprints.missing(job.blueprint(), job.version())));
  }
}
