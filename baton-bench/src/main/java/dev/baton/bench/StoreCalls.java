package dev.baton.bench;

import dev.baton.store.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made on a store through every interface it implements (the engine's {@link
 * Store} and the fleet's {@code FleetStore} alike), by method name: {@link CountingStore} covers
 * only {@code Store}, and the fleet needs the rest. Calls the store makes on itself are not
 * counted. Does not own the store it wraps.
 */
final class StoreCalls implements InvocationHandler {
  private final Store store;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  private final Store counted;

  StoreCalls(Store store) {
    this.store = store;
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = store.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
          interfaces.add(i); // a proxy of a package's own interface would have to live there
        }
      }
    }
    counted =
        (Store)
            Proxy.newProxyInstance(
                StoreCalls.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), this);
  }

  /** The store that counts: otherwise the wrapped one. */
  Store store() {
    return counted;
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (m.getDeclaringClass() != Object.class) {
      calls.computeIfAbsent(m.getName(), k -> new LongAdder()).increment();
    }
    try {
      return m.invoke(store, args);
    } catch (InvocationTargetException e) {
      throw e.getCause(); // the store's own exception, as a direct call would throw it
    }
  }

  /** Calls so far by method name. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Calls per job since {@code before}: the total and each method called at least 0.01/job. */
  String since(Map<String, Long> before, int jobs) {
    Map<String, Long> now = snapshot();
    long total = 0;
    Map<String, Long> delta = new TreeMap<>();
    for (Map.Entry<String, Long> e : now.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        delta.put(e.getKey(), d);
        total += d;
      }
    }
    StringBuilder top = new StringBuilder();
    delta.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() * 100 >= jobs)
        .limit(12)
        .forEach(e ->
            top.append(
                String.format(
                    java.util.Locale.ROOT, " %s %.2f", e.getKey(), e.getValue() / (double) jobs)));
    return String.format(
        java.util.Locale.ROOT, "  store calls %.2f/job:%s", total / (double) jobs, top);
  }
}
