package dev.baton.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on 127.0.0.1 for tests: each path answers a scripted sequence of statuses (the
 * last one repeats; 204 when unscripted), or hangs until the receiver closes. Every request is
 * recorded once its body has been read.
 */
final class Receiver implements AutoCloseable {
  record Hit(
      String path,
      String method,
      String contentType,
      String noticeId,
      String body,
      @Nullable String traceparent) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Hit> hits = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Set<String> hanging = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The path answers these statuses in turn, the last one from then on. */
  Receiver respond(String path, int... statuses) {
    Deque<Integer> q = new ArrayDeque<>();
    for (int s : statuses) {
      q.add(s);
    }
    scripts.put(path, q);
    return this;
  }

  Receiver hang(String path) {
    hanging.add(path);
    return this;
  }

  Receiver redirect(String path, String location) {
    redirects.put(path, location);
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  List<Hit> hits(String path) {
    return hits.stream().filter(h -> h.path().equals(path)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    hits.add(
        new Hit(
            path,
            ex.getRequestMethod(),
            String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
            String.valueOf(ex.getRequestHeaders().getFirst(NoticeDelivery.NOTICE_ID_HEADER)),
            body,
            ex.getRequestHeaders().getFirst("traceparent")));
    if (hanging.contains(path)) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    String location = redirects.get(path);
    if (location != null) {
      ex.getResponseHeaders().add("Location", location);
      ex.sendResponseHeaders(302, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(next(path), -1);
    ex.close();
  }

  private int next(String path) {
    Deque<Integer> q = scripts.get(path);
    if (q == null) {
      return 204;
    }
    synchronized (q) {
      return q.size() > 1 ? q.poll() : q.getFirst();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
