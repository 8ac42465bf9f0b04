package dev.baton.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake managed service for demos and tests. It follows the FSM like a real one, each transition
 * taking {@code transitionDelay}, and obeys three extra events from anyone:
 *
 * <ul>
 *   <li>{@code SIMULATE_FAULT} {@code {"message": "..."}}: goes to FAULT with that error message;
 *   <li>{@code SIMULATE_STUCK} {@code {"stuck": true}}: from now on ignores FSM commands (it still
 *       answers CMD_GET_STATE), so it never reaches the state a scenario waits for;
 *   <li>{@code SIMULATE_STATE} {@code {"state": "RUN"}}: jumps to a state without hooks.
 * </ul>
 */
public class SimulatedComponent extends Component {
  public static final String FAULT = "SIMULATE_FAULT";
  public static final String STUCK = "SIMULATE_STUCK";
  public static final String SET_STATE = "SIMULATE_STATE";

  private final Duration transitionDelay;
  private final AtomicBoolean stuck = new AtomicBoolean();

  public SimulatedComponent(String name, Duration transitionDelay) {
    this(name, transitionDelay, null);
  }

  /** With the shared secret Baton has for it, sent with every reply. */
  public SimulatedComponent(
      String name, Duration transitionDelay, @org.jspecify.annotations.Nullable String secret) {
    super(name, secret);
    this.transitionDelay = transitionDelay;
  }

  /** Jumps to a state without hooks (SIMULATE_STATE does the same over HTTP). */
  public void jump(FsmState s) {
    force(s);
  }

  public void stuck(boolean value) {
    stuck.set(value);
  }

  @Override
  protected void handle(Event e) {
    if (e.result() == null) {
      switch (e.eventType()) {
        case FAULT -> {
          fault(String.valueOf(e.data().getOrDefault("message", "simulated fault")));
          return;
        }
        case SET_STATE -> {
          jump(FsmState.valueOf(String.valueOf(e.data().get("state"))));
          return;
        }
        case STUCK -> {
          stuck.set(!Boolean.FALSE.equals(e.data().get("stuck")));
          return;
        }
        default -> {}
      }
      var command = FsmCommand.parse(e.eventType());
      if (stuck.get()
          && command.isPresent()
          && command.get() != FsmCommand.CMD_GET_STATE
          && command.get() != FsmCommand.CMD_HEALTH_CHECK) {
        return;
      }
    }
    super.handle(e);
  }

  @Override
  protected void onInitializing() throws InterruptedException {
    pause();
  }

  @Override
  protected void onStarting() throws InterruptedException {
    pause();
  }

  @Override
  protected void onPausing() throws InterruptedException {
    pause();
  }

  @Override
  protected void onResuming() throws InterruptedException {
    pause();
  }

  @Override
  protected void onStopping() throws InterruptedException {
    pause();
  }

  @Override
  protected void onSoftStopping() throws InterruptedException {
    pause();
  }

  @Override
  protected void onHardStopping() throws InterruptedException {
    pause();
  }

  @Override
  protected Map<String, Object> serviceState() {
    return Map.of("simulated", true, "stuck", stuck.get());
  }

  @Override
  protected Event.Result onEvent(Event event) {
    return Event.Result.success(Map.of("echo", event.data()));
  }

  /** Simulated work: the transition takes this long. */
  private void pause() throws InterruptedException {
    if (!transitionDelay.isZero()) {
      Thread.sleep(transitionDelay);
    }
  }
}
