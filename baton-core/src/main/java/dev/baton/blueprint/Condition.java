package dev.baton.blueprint;

/** A test on a job, for {@code choose} states. Declarative blueprints compile CEL into one. */
@FunctionalInterface
public interface Condition {
  boolean test(JobContext context) throws Exception;
}
