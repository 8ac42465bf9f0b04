package dev.baton.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.baton.log.LogContext;
import java.util.Map;

/**
 * {@code %fields} in the human log format: the unit of work's fields ({@link LogContext#KEYS}) that
 * are set, as {@code " job_id=… task_id=…"}, so a person grepping the lines finds what a shipper
 * finds in the JSON objects. Nothing when none is set.
 */
public final class LogFields extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String key : LogContext.KEYS) {
      String value = mdc.get(key);
      if (value != null) {
        out.append(' ').append(key).append('=').append(value);
      }
    }
    return out.toString();
  }
}
