package dev.baton.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobAttributes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void closingRestoresWhatAnOuterUnitSetAndRemovesTheRest() {
    try (LogContext outer = LogContext.empty().with(LogContext.WORKER_ID, "w-1")) {
      try (LogContext inner =
          LogContext.empty().with(LogContext.WORKER_ID, "w-2").with(LogContext.JOB_ID, "j-1")) {
        assertThat(MDC.get(LogContext.WORKER_ID)).isEqualTo("w-2");
        assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("j-1");
      }
      assertThat(MDC.get(LogContext.WORKER_ID)).isEqualTo("w-1");
      assertThat(MDC.get(LogContext.JOB_ID)).isNull();
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aMissingValueLeavesTheKeyAsItWas() {
    try (LogContext outer = LogContext.empty().with(LogContext.JOB_ID, "j-1")) {
      try (LogContext inner = LogContext.empty().with(LogContext.JOB_ID, null)) {
        assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("j-1");
      }
      assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("j-1");
    }
  }

  @Test
  void theTraceIdComesFromTheStoredTraceparent() {
    Map<String, Object> attributes =
        Map.of(
            "tracing_context",
            Map.of("traceparent", "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01"));
    assertThat(LogContext.traceId(JobAttributes.fromMap(attributes)))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(LogContext.traceId(JobAttributes.NONE)).isNull();
    assertThat(LogContext.traceId(JobAttributes.fromMap(Map.of("tracing_context", Map.of()))))
        .isNull();
    assertThat(LogContext.traceIdOf("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
        .as("the invalid all-zero id")
        .isNull();
    assertThat(LogContext.traceIdOf("00-0af765-b7ad6b7169203331-01")).isNull();
    assertThat(LogContext.traceIdOf("garbage")).isNull();
    assertThat(LogContext.traceIdOf("00-0af7651916cd43dd8448eb211c80319z-b7ad6b7169203331-01"))
        .isNull();
  }
}
