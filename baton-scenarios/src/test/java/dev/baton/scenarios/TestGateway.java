package dev.baton.scenarios;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP SMS gateway on port 0: keeps each request body; answers 200, or 500 when failing. */
final class TestGateway implements AutoCloseable {
  final List<String> bodies = new CopyOnWriteArrayList<>();
  volatile boolean failing;
  private final HttpServer server;

  TestGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/sms",
        ex -> {
          try (ex) {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer =
                (failing ? "{\"error\":\"down\"}" : "{\"ok\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(failing ? 500 : 200, answer.length);
            ex.getResponseBody().write(answer);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
