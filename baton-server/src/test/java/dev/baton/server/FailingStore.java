package dev.baton.server;

import dev.baton.store.Store;
import dev.baton.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that fails on demand as a full disk or a stopped PostgreSQL does: while {@link #full} is
 * set every write throws {@link StoreException}; while {@link #down} is set every call does. {@link
 * #failReadAfterCommit} fails the first read of a job after the next commit (the read-back of what
 * was committed, as when the connection drops just then).
 */
final class FailingStore {
  private static final Set<String> WRITES =
      Set.of(
          "commit",
          "commitAll",
          "claim",
          "claimTask",
          "claimTasks",
          "putWorker",
          "renewLeases",
          "consumeQuota",
          "updateNotice",
          "claimNotices",
          "pruneDelivered");

  volatile boolean full;
  volatile boolean down;
  final AtomicBoolean failReadAfterCommit = new AtomicBoolean();
  private final AtomicBoolean armed = new AtomicBoolean();

  Store wrap(Store store) {
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (!name.equals("close")) {
                if (down) {
                  throw new StoreException(
                      "the store could not read: connection refused", new java.io.IOException());
                }
                if (full && WRITES.contains(name)) {
                  throw new StoreException(
                      "the store could not write: disk full", new java.io.IOException());
                }
                if (name.equals("commit") && failReadAfterCommit.getAndSet(false)) {
                  armed.set(true);
                } else if (name.equals("job") && armed.getAndSet(false)) {
                  throw new StoreException(
                      "the store could not read: connection reset", new java.io.IOException());
                }
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
