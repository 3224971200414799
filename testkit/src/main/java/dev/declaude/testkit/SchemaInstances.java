package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Makes a deterministic JSON value that follows a JSON schema, for a request whose {@code
 * output_config} asks for structured output and for which no reply was scripted: strings are {@code
 * "sample <name>"} (or a sample of their {@code format}), numbers 1, booleans true, arrays one
 * element, enums their first value; {@code $ref}s into {@code $defs} are followed, and recursion
 * stops at a small depth with empty arrays.
 */
final class SchemaInstances {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 4;
  private static final Map<String, String> FORMAT_SAMPLES =
      Map.of(
          "date", "2026-01-01",
          "time", "12:00:00",
          "date-time", "2026-01-01T12:00:00Z",
          "duration", "PT1M",
          "uuid", "00000000-0000-4000-8000-000000000000",
          "email", "sample@example.com",
          "uri", "https://example.com/sample");

  private SchemaInstances() {}

  /**
   * Returns the JSON schema a request asks its answer to follow, or {@code null} when it asks for
   * none.
   */
  static JsonNode requestedSchema(JsonNode request) {
    JsonNode format = request.path("output_config").path("format");
    return "json_schema".equals(format.path("type").asText()) && format.has("schema")
        ? format.get("schema")
        : null;
  }

  /** Returns an instance of {@code schema}. */
  static JsonNode example(JsonNode schema) {
    return value(schema, schema, "value", 0);
  }

  private static JsonNode value(JsonNode schema, JsonNode root, String name, int depth) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target =
          ref.startsWith("#/$defs/")
              ? root.path("$defs").path(ref.substring("#/$defs/".length()))
              : null;
      return target == null || target.isMissingNode()
          ? NODES.nullNode()
          : value(target, root, name, depth);
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    switch (schema.path("type").asText()) {
      case "object":
        return object(schema, root, depth);
      case "array":
        ArrayNode array = NODES.arrayNode();
        if (depth < MAX_DEPTH) {
          array.add(value(schema.path("items"), root, name, depth + 1));
        }
        return array;
      case "integer":
        return NODES.numberNode(1);
      case "number":
        return NODES.numberNode(1.5);
      case "boolean":
        return NODES.booleanNode(true);
      case "string":
        return NODES.textNode(
            FORMAT_SAMPLES.getOrDefault(schema.path("format").asText(), "sample " + name));
      default:
        return NODES.nullNode();
    }
  }

  private static ObjectNode object(JsonNode schema, JsonNode root, int depth) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      object.set(p.getKey(), value(p.getValue(), root, p.getKey(), depth + 1));
    }
    return object;
  }
}
