package dev.declaude.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.declaude.internal.http.WireJson;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the admin endpoint's JSON strictly: each wrong field is a {@link Rejection} naming it and
 * its value.
 */
final class AdminJson {
  private AdminJson() {}

  /** Parses a request body; an empty body is a missing node. */
  static JsonNode parse(String body) {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return WireJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw Rejection.invalid("the body is not valid JSON: " + e.getOriginalMessage() + at);
    }
  }

  /** Rejects {@code node} unless it is an object whose fields are all in {@code known}. */
  static void checkObject(JsonNode node, String where, Set<String> known) {
    if (!node.isObject()) {
      throw Rejection.invalid(
          where + " must be a JSON object, was " + (node.isMissingNode() ? "empty" : node));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        throw Rejection.invalid(
            where
                + ": unknown field \""
                + field.getKey()
                + "\"; known fields: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** Returns {@code node.field} as an int. */
  static int integer(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw Rejection.invalid(where + ": \"" + field + "\" must be an integer, was " + value);
    }
    return value.asInt();
  }

  /** Returns {@code node.field} as a long. */
  static long longInteger(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw Rejection.invalid(where + ": \"" + field + "\" must be an integer, was " + value);
    }
    return value.asLong();
  }

  /** Returns {@code node.field} as a double. */
  static double number(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isNumber()) {
      throw Rejection.invalid(where + ": \"" + field + "\" must be a number, was " + value);
    }
    return value.asDouble();
  }

  /** Returns {@code node.field} as text. */
  static String text(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isTextual()) {
      throw Rejection.invalid(where + ": \"" + field + "\" must be a string, was " + value);
    }
    return value.asText();
  }

  /** Returns {@code node.field}, a string or a number, as the text of a header value. */
  static String textOrNumber(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isTextual() && !value.isNumber()) {
      throw Rejection.invalid(
          where + ": \"" + field + "\" must be a string or a number, was " + value);
    }
    return value.asText();
  }

  /** Returns {@code node.field} as a boolean. */
  static boolean bool(JsonNode node, String field, String where) {
    JsonNode value = required(node, field, where);
    if (!value.isBoolean()) {
      throw Rejection.invalid(where + ": \"" + field + "\" must be true or false, was " + value);
    }
    return value.asBoolean();
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw Rejection.invalid(where + " needs \"" + field + "\"");
    }
    return value;
  }
}
