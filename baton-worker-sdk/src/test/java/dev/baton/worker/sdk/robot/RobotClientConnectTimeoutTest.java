package dev.baton.worker.sdk.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node that takes the TCP connection and never answers the WebSocket handshake (hung, or another
 * server on that port) fails the connect after the robot's {@code connectTimeout}, not the 10 s
 * default, so a reconnect loop moves on to the next node that much sooner.
 */
class RobotClientConnectTimeoutTest {

  @Test
  @Timeout(5) // the default 10 s would not do
  void aHandshakeNeverAnsweredFailsAfterTheConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Socket> taken =
          CompletableFuture.supplyAsync(() -> {
            try {
              return silent.accept(); // and then says nothing
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
          });
      URI uri = URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/robots/ws");
      RobotClient.Builder builder =
          RobotClient.builder(uri, "r1")
              .heartbeatInterval(Duration.ZERO)
              .connectTimeout(Duration.ofMillis(300));
      assertThatThrownBy(builder::connect)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not connect to " + uri)
          .hasRootCauseInstanceOf(HttpTimeoutException.class);
      taken.get(5, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void theConnectTimeoutMustBePositive() {
    RobotClient.Builder builder =
        RobotClient.builder(URI.create("ws://127.0.0.1:1/robots/ws"), "r");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect timeout must be positive, was PT0S");
    assertThat(builder.connectTimeout(Duration.ofSeconds(1))).isSameAs(builder);
  }
}
