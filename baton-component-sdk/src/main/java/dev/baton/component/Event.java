package dev.baton.component;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The avena event envelope, as {@code POST /event} carries it. The minimal body ({@code source},
 * {@code destination}, {@code event_type}, {@code data}) gets upstream's defaults for the rest.
 */
public record Event(
    String source,
    String sourceAddress,
    int sourcePort,
    String destination,
    String destinationAddress,
    int destinationPort,
    String destinationEndpoint,
    String eventType,
    Map<String, Object> data,
    @Nullable Long id,
    int payload,
    boolean toBeProcessed,
    boolean isProcessing,
    boolean isSystemEvent,
    double maximumProcessingTime,
    String timestamp,
    @Nullable Result result) {

  /** The type of a batch: {@code data.events} holds the envelopes. */
  public static final String CUMULATIVE = "cumulative";

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter PYTHON_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  public Event {
    data = Map.copyOf(withoutNullKeys(data));
  }

  /** A new command or request, to be processed, stamped now. */
  public static Event of(
      String source,
      String sourceAddress,
      int sourcePort,
      String destination,
      String eventType,
      Map<String, Object> data,
      double maximumProcessingTime) {
    return new Event(
        source,
        sourceAddress,
        sourcePort,
        destination,
        "",
        0,
        "/event",
        eventType,
        data,
        null,
        1,
        true,
        false,
        false,
        maximumProcessingTime,
        now(),
        null);
  }

  /** The reply to this event: source and destination swapped, {@code result} set. */
  public Event reply(Result r, String replier) {
    return new Event(
        replier.isEmpty() ? destination : replier,
        destinationAddress,
        destinationPort,
        source,
        sourceAddress,
        sourcePort,
        destinationEndpoint,
        eventType,
        data,
        id,
        payload,
        false,
        false,
        isSystemEvent,
        maximumProcessingTime,
        now(),
        r);
  }

  static String now() {
    return LocalDateTime.now().format(PYTHON_DATETIME);
  }

  /**
   * The outcome carried by a reply. {@code result} is success, failure, error, info or test_failed.
   */
  public record Result(
      String result, int errorCode, @Nullable String errorMessage, Map<String, Object> data) {
    public Result {
      data = Map.copyOf(withoutNullKeys(data));
    }

    public static Result success(Map<String, Object> data) {
      return new Result("success", 0, null, data);
    }

    public static Result error(String message) {
      return new Result("error", 1, message, Map.of());
    }

    public static Result error(String message, Map<String, Object> data) {
      return new Result("error", 1, message, data);
    }

    public static Result info(Map<String, Object> data) {
      return new Result("info", 0, null, data);
    }

    Map<String, @Nullable Object> toMap() {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("result", result);
      m.put("error_code", errorCode);
      m.put("error_message", errorMessage);
      m.put("data", data);
      return m;
    }
  }

  /** The envelope as JSON fields. */
  public Map<String, @Nullable Object> toMap() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("source_address", sourceAddress);
    m.put("source_port", sourcePort);
    m.put("destination", destination);
    m.put("destination_address", destinationAddress);
    m.put("destination_port", destinationPort);
    m.put("destination_endpoint", destinationEndpoint);
    m.put("event_type", eventType);
    m.put("data", data);
    m.put("id", id);
    m.put("payload", payload);
    m.put("to_be_processed", toBeProcessed);
    m.put("is_processing", isProcessing);
    m.put("is_system_event", isSystemEvent);
    m.put("maximum_processing_time", maximumProcessingTime);
    m.put("timestamp", timestamp);
    m.put("result", result == null ? null : result.toMap());
    return m;
  }

  public byte[] toJson() {
    return JSON.writeValueAsBytes(toMap());
  }

  /**
   * Reads a body: one envelope, or the envelopes of a {@code cumulative} batch, unpacked.
   *
   * @throws InvalidEvent saying which field is wrong
   */
  public static List<Event> parseAll(byte[] body) {
    Object tree;
    try {
      tree = JSON.readValue(body, Object.class);
    } catch (JacksonException e) {
      throw new InvalidEvent("the body is not JSON: " + e.getOriginalMessage());
    }
    if (!(tree instanceof Map<?, ?> map)) {
      throw new InvalidEvent("the body must be a JSON object (an avena event)");
    }
    Event e = fromMap(map, "");
    if (!CUMULATIVE.equals(e.eventType())) {
      return List.of(e);
    }
    if (!(e.data().get("events") instanceof List<?> items)) {
      throw new InvalidEvent("a cumulative event needs data.events, a list of events");
    }
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new InvalidEvent("data.events[" + i + "] must be an object");
      }
      out.add(fromMap(item, "data.events[" + i + "]."));
    }
    return out;
  }

  /** One envelope from its JSON fields; {@code at} prefixes field names in messages. */
  public static Event fromMap(Map<?, ?> m, String at) {
    String type = text(m, "event_type", null, at);
    if (type.isBlank()) {
      throw new InvalidEvent(at + "event_type must not be empty");
    }
    Object rawResult = m.get("result");
    Result result = null;
    if (rawResult instanceof Map<?, ?> r) {
      result =
          new Result(
              text(r, "result", "success", at + "result."),
              (int) number(r, "error_code", 0, at + "result."),
              r.get("error_message") == null ? null : String.valueOf(r.get("error_message")),
              object(r, "data", at + "result."));
    } else if (rawResult != null) {
      throw new InvalidEvent(at + "result must be an object or null");
    }
    Object rawId = m.get("id");
    Long id = rawId instanceof Number n ? n.longValue() : null;
    return new Event(
        text(m, "source", "", at),
        text(m, "source_address", "127.0.0.1", at),
        (int) number(m, "source_port", 0, at),
        text(m, "destination", "", at),
        text(m, "destination_address", "127.0.0.1", at),
        (int) number(m, "destination_port", 0, at),
        text(m, "destination_endpoint", "/event", at),
        type,
        object(m, "data", at),
        id,
        (int) number(m, "payload", 1, at),
        bool(m, "to_be_processed", false, at),
        bool(m, "is_processing", false, at),
        bool(m, "is_system_event", false, at),
        number(m, "maximum_processing_time", 20.0, at),
        text(m, "timestamp", now(), at),
        result);
  }

  private static String text(Map<?, ?> m, String key, @Nullable String fallback, String at) {
    Object v = m.get(key);
    if (v == null) {
      if (fallback == null) {
        throw new InvalidEvent(at + key + " is required");
      }
      return fallback;
    }
    if (!(v instanceof String s)) {
      throw new InvalidEvent(at + key + " must be a string, was " + v);
    }
    return s;
  }

  private static double number(Map<?, ?> m, String key, double fallback, String at) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new InvalidEvent(at + key + " must be a number, was " + v);
    }
    return n.doubleValue();
  }

  private static boolean bool(Map<?, ?> m, String key, boolean fallback, String at) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new InvalidEvent(at + key + " must be true or false, was " + v);
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<?, ?> m, String key, String at) {
    Object v = m.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw new InvalidEvent(at + key + " must be an object, was " + v);
    }
    return (Map<String, Object>) map;
  }

  /**
   * Map.copyOf refuses nulls; JSON null values are dropped from data (absent and null read alike).
   */
  private static Map<String, Object> withoutNullKeys(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k != null && v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** A body that is not an avena event; the message says which field and why. */
  public static final class InvalidEvent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEvent(String message) {
      super(message);
    }
  }
}
