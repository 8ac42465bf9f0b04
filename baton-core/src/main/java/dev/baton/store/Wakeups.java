package dev.baton.store;

import java.util.function.Consumer;

/**
 * What other processes sharing the store committed that this one may be waiting for: new tasks (a
 * long-poll or a robot dispatcher waits for one), changed schedules (the scheduler sleeps until the
 * next fire it knows), definitions (each node keeps the published blueprints in memory) or
 * cancelled tasks (a robot connected here may be running one). Only a hint, and best effort: a
 * wake-up may be lost (a dropped connection) or spurious, so whoever waits still looks at the store
 * on its own now and then, and a lost wake-up delays work by that interval, never loses it.
 */
public interface Wakeups {
  /** What changed. */
  enum Kind {
    /** Tasks were queued: this many, or more. */
    TASKS,
    /** A schedule was created, changed or deleted. */
    SCHEDULES,
    /** Tasks were cancelled (this many): a robot connected here may be running one. */
    CANCELLED,
    /** A definition version was stored, published or archived. */
    DEFINITIONS,
    /** An operator changed a robot (drained it or ended its drain). */
    ROBOTS
  }

  /** One wake-up: its kind, and for {@link Kind#TASKS} how many tasks were queued. */
  record Wake(Kind kind, int count) {}

  /** Calls {@code listener} on a background thread for every wake-up from another process. */
  void subscribe(Consumer<Wake> listener);

  /** A store no other process shares (in memory) or that cannot tell: nobody is woken. */
  Wakeups NONE = listener -> {};
}
