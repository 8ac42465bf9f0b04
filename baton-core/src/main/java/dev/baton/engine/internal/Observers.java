package dev.baton.engine.internal;

import dev.baton.engine.EngineObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's observers; an event reaches each, and one that throws does not stop the others. */
public final class Observers {
  private static final Logger log = LoggerFactory.getLogger(Observers.class);

  private final List<EngineObserver> observers;

  public Observers(List<EngineObserver> observers) {
    this.observers = new CopyOnWriteArrayList<>(observers);
  }

  public void add(EngineObserver observer) {
    observers.add(observer);
  }

  /** Tells every observer of one event. */
  public void tell(Consumer<EngineObserver> event) {
    for (EngineObserver o : observers) {
      try {
        event.accept(o);
      } catch (RuntimeException e) {
        log.warn("engine observer {} failed", o, e);
      }
    }
  }
}
