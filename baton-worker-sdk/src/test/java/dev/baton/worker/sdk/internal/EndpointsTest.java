package dev.baton.worker.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

  @Test
  void keepsAPathPrefixAndEncodesTheWorkerId() {
    Endpoints e = new Endpoints(URI.create("https://host:8443/baton/"), "gpu 1/a");
    assertThat(e.register()).hasToString("https://host:8443/baton/_worker/workers/register");
    assertThat(e.worker()).hasToString("https://host:8443/baton/_worker/workers/gpu%201%2Fa");
    assertThat(e.nextTask())
        .hasToString("https://host:8443/baton/_worker/workers/gpu%201%2Fa/tasks/next");
    assertThat(e.result()).hasToString("https://host:8443/baton/_worker/tasks/result");
    assertThat(e.websocket()).hasToString("wss://host:8443/baton/_worker/ws/gpu%201%2Fa");
    assertThat(new Endpoints(URI.create("http://h:1"), "w").websocket())
        .hasToString("ws://h:1/_worker/ws/w");
  }
}
