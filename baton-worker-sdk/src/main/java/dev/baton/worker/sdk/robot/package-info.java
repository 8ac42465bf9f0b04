/**
 * A Java robot for CasareRPA's robot WebSocket protocol, as Baton serves it at {@code /robots/ws}:
 * start with {@link dev.baton.worker.sdk.robot.RobotClient#builder}.
 */
@NullMarked
package dev.baton.worker.sdk.robot;

import org.jspecify.annotations.NullMarked;
