package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link Fault} from the admin endpoint's JSON. A fault object names its {@code kind} (or
 * just gives a {@code status}), that kind's own fields, and any of the modifiers every fault has:
 *
 * <pre>
 * {"status": 429, "retryAfter": "2"}
 * {"kind": "ramp-limit", "retryAfterSeconds": 5}
 * {"kind": "stream-error", "afterDeltas": 2, "errorType": "overloaded_error"}
 * {"status": 503, "body": "HTML", "shouldRetry": false, "headers": {"via": "proxy"}}
 * </pre>
 *
 * Every problem is a {@link Rejection} whose message says which field was wrong and why.
 */
final class FaultJson {
  private static final Map<String, Set<String>> KINDS = kinds();
  private static final Set<String> MODIFIERS =
      Set.of(
          "body",
          "retryAfter",
          "retryAfterMs",
          "retryAfterDate",
          "shouldRetry",
          "errorType",
          "errorCode",
          "message",
          "headers",
          "requestId");

  private FaultJson() {}

  private static Map<String, Set<String>> kinds() {
    Map<String, Set<String>> kinds = new LinkedHashMap<>();
    kinds.put("status", Set.of("status"));
    kinds.put("overloaded", Set.of());
    kinds.put("spend-limit", Set.of());
    kinds.put("ramp-limit", Set.of("retryAfterSeconds"));
    kinds.put("drop-connection", Set.of());
    kinds.put("drop-during-body", Set.of());
    kinds.put("stream-error", Set.of("afterDeltas", "errorType"));
    kinds.put("delay", Set.of("delayMs"));
    return kinds;
  }

  /**
   * Returns the fault {@code node} describes; {@code where} names it in error messages, such as
   * {@code fault 2}.
   */
  static Fault parse(JsonNode node, String where) {
    if (!node.isObject()) {
      throw Rejection.invalid(where + " must be a JSON object, was " + node);
    }
    String kind = kind(node, where);
    checkFields(node, where, kind);
    try {
      return modify(base(node, where, kind), node, where, kind);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid(where + ": " + e.getMessage());
    }
  }

  private static String kind(JsonNode node, String where) {
    if (!node.has("kind")) {
      if (node.has("status")) {
        return "status";
      }
      throw Rejection.invalid(
          where
              + " needs \"kind\" (one of "
              + String.join(", ", KINDS.keySet())
              + ") or \"status\"");
    }
    String kind = AdminJson.text(node, "kind", where);
    if (!KINDS.containsKey(kind)) {
      throw Rejection.invalid(
          where
              + ": unknown kind \""
              + kind
              + "\"; use one of "
              + String.join(", ", KINDS.keySet()));
    }
    return kind;
  }

  private static void checkFields(JsonNode node, String where, String kind) {
    Set<String> known = new TreeSet<>(MODIFIERS);
    known.addAll(KINDS.get(kind));
    known.add("kind");
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        throw Rejection.invalid(
            where
                + ": unknown field \""
                + name
                + "\" for kind "
                + kind
                + "; known fields: "
                + String.join(", ", known));
      }
    }
  }

  private static Fault base(JsonNode node, String where, String kind) {
    switch (kind) {
      case "status":
        return Fault.status(AdminJson.integer(node, "status", where));
      case "overloaded":
        return Fault.overloaded();
      case "spend-limit":
        return Fault.spendLimit();
      case "ramp-limit":
        return Fault.rampLimit(
            Duration.ofSeconds(AdminJson.integer(node, "retryAfterSeconds", where)));
      case "drop-connection":
        return Fault.dropConnection();
      case "drop-during-body":
        return Fault.dropDuringBody();
      case "stream-error":
        String type =
            node.has("errorType") ? AdminJson.text(node, "errorType", where) : "overloaded_error";
        return Fault.streamErrorAfter(AdminJson.integer(node, "afterDeltas", where), type);
      default:
        return Fault.delay(Duration.ofMillis(AdminJson.integer(node, "delayMs", where)));
    }
  }

  private static Fault modify(Fault fault, JsonNode node, String where, String kind) {
    Fault out = fault;
    if (node.has("body")) {
      out = out.withBody(bodyShape(AdminJson.text(node, "body", where), where));
    }
    if (node.has("retryAfter")) {
      out = out.retryAfter(AdminJson.textOrNumber(node, "retryAfter", where));
    }
    if (node.has("retryAfterMs")) {
      out = out.retryAfterMs(AdminJson.textOrNumber(node, "retryAfterMs", where));
    }
    if (node.has("retryAfterDate")) {
      out =
          out.retryAfterDate(
              instant(AdminJson.text(node, "retryAfterDate", where), where).atZone(ZoneOffset.UTC));
    }
    if (node.has("shouldRetry")) {
      out = out.shouldRetry(AdminJson.bool(node, "shouldRetry", where));
    }
    // A stream error's errorType is its event's type, already given to streamErrorAfter.
    if (node.has("errorType") && !kind.equals("stream-error")) {
      out = out.errorType(AdminJson.text(node, "errorType", where));
    }
    if (node.has("errorCode")) {
      out = out.errorCode(AdminJson.text(node, "errorCode", where));
    }
    if (node.has("message")) {
      out = out.message(AdminJson.text(node, "message", where));
    }
    if (node.has("headers")) {
      for (Map.Entry<String, String> header : headers(node.get("headers"), where).entrySet()) {
        out = out.header(header.getKey(), header.getValue());
      }
    }
    if (node.has("requestId") && !AdminJson.bool(node, "requestId", where)) {
      out = out.withoutRequestId();
    }
    return out;
  }

  private static BodyShape bodyShape(String name, String where) {
    try {
      return BodyShape.valueOf(name);
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (BodyShape shape : BodyShape.values()) {
        names.add(shape.name());
      }
      throw Rejection.invalid(
          where
              + ": \"body\" must be one of "
              + String.join(", ", names)
              + ", was \""
              + name
              + "\"");
    }
  }

  private static Instant instant(String text, String where) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(
          where
              + ": \"retryAfterDate\" must be an RFC 3339 instant such as"
              + " 2026-11-24T10:00:30Z, was \""
              + text
              + "\"");
    }
  }

  private static Map<String, String> headers(JsonNode headers, String where) {
    if (!headers.isObject()) {
      throw Rejection.invalid(
          where + ": \"headers\" must be an object of names to string values, was " + headers);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : headers.properties()) {
      if (!field.getValue().isTextual()) {
        throw Rejection.invalid(
            where
                + ": header \""
                + field.getKey()
                + "\" must be a string, was "
                + field.getValue());
      }
      out.put(field.getKey(), field.getValue().asText());
    }
    return out;
  }
}
