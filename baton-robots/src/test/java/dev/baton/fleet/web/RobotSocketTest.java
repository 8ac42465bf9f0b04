package dev.baton.fleet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fleet.Envelope;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a robot's WebSocket message is refused for what an HTTP body is refused for (nesting
 * too deep, a NUL character, half of a UTF-16 surrogate pair), with a message that says what and
 * where, sent back to the robot as an {@code INVALID_JSON} error.
 */
class RobotSocketTest {
  @Test
  void aGoodEnvelopeIsRead() {
    Envelope e = RobotSocket.envelope("{\"type\":\"heartbeat\",\"payload\":{\"cpu\":\"ok ✓\"}}");
    assertThat(e.type()).isEqualTo("heartbeat");
    assertThat(e.payload()).containsEntry("cpu", "ok ✓");
  }

  @Test
  void aNulCharacterInAValueOrANameIsRefusedNamingTheField() {
    assertThatThrownBy(() ->
            RobotSocket.envelope("{\"type\":\"job_progress\",\"payload\":{\"x\":\"a\\u0000\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "field 'payload.x' holds a NUL character (U+0000) in its text, which Baton does not"
                + " accept");
    assertThatThrownBy(
            () -> RobotSocket.envelope("{\"type\":\"job_progress\",\"payload\":{\"\\u0000\":1}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a NUL character (U+0000) in its name");
  }

  @Test
  void halfASurrogatePairIsRefused() {
    assertThatThrownBy(
            () -> RobotSocket.envelope("{\"type\":\"log\",\"payload\":{\"m\":[\"\\ud800\"]}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "field 'payload.m[0]' holds half of a UTF-16 surrogate pair in its text, which Baton"
                + " does not accept");
    assertThatThrownBy(() -> RobotSocket.envelope("{\"type\":\"\\udc00\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'type' holds half of a UTF-16 surrogate pair");
  }

  @Test
  void nestingPastTheLimitIsRefused() {
    String deep = "{\"a\":".repeat(69) + "{}" + "}".repeat(69);
    assertThatThrownBy(() -> RobotSocket.envelope("{\"type\":\"log\",\"payload\":" + deep + "}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid JSON message: arrays and objects nest deeper than 64 levels, the most Baton"
                + " accepts");
  }
}
