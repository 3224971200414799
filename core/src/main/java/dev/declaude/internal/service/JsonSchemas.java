package dev.declaude.internal.service;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Derives the JSON schema a structured answer must follow from the Java type it is parsed into,
 * seeing the type as Jackson does (record components, {@code @JsonProperty} renames, getters and
 * setters).
 *
 * <p>Objects list every property as required and forbid others ({@code additionalProperties:
 * false}), as the API's structured outputs expect; an {@code Optional} property is the one that may
 * be left out. Nested classes go to {@code $defs}, so recursive types work. Thread-safe.
 */
final class JsonSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // The string formats structured outputs understand, for the types Jackson writes as such strings.
  private static final Map<Class<?>, String> FORMATS =
      Map.of(
          java.time.LocalDate.class, "date",
          java.time.LocalTime.class, "time",
          java.time.OffsetTime.class, "time",
          java.time.Instant.class, "date-time",
          java.time.OffsetDateTime.class, "date-time",
          java.time.ZonedDateTime.class, "date-time",
          java.time.Duration.class, "duration",
          UUID.class, "uuid");

  private final ObjectMapper mapper;

  JsonSchemas(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Returns the schema of {@code type}. */
  ObjectNode schemaOf(Type type) {
    Map<Class<?>, ObjectNode> defs = new HashMap<>();
    ObjectNode root = schema(mapper.constructType(type), defs, true);
    if (!defs.isEmpty()) {
      ObjectNode all = root.putObject("$defs");
      defs.forEach((c, schema) -> all.set(defName(c), schema));
    }
    return root;
  }

  private ObjectNode schema(JavaType type, Map<Class<?>, ObjectNode> defs, boolean root) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      return schema(type.containedTypeOrUnknown(0), defs, false);
    }
    String simple = simpleType(raw);
    if (simple != null) {
      ObjectNode node = NODES.objectNode().put("type", simple);
      String format = FORMATS.get(raw);
      return format == null ? node : node.put("format", format);
    }
    if (raw.isEnum()) {
      ObjectNode node = NODES.objectNode().put("type", "string");
      ArrayNode values = node.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(mapper.convertValue(constant, String.class));
      }
      return node;
    }
    if (type.isArrayType() || type.isCollectionLikeType()) {
      ObjectNode node = NODES.objectNode().put("type", "array");
      node.set("items", schema(type.getContentType(), defs, false));
      return node;
    }
    if (type.isMapLikeType()) {
      ObjectNode node = NODES.objectNode().put("type", "object");
      node.set("additionalProperties", schema(type.getContentType(), defs, false));
      return node;
    }
    return root ? object(type, defs) : reference(type, defs);
  }

  private ObjectNode reference(JavaType type, Map<Class<?>, ObjectNode> defs) {
    Class<?> raw = type.getRawClass();
    if (!defs.containsKey(raw)) {
      defs.put(raw, NODES.objectNode()); // placeholder first: a recursive type refers to itself
      defs.put(raw, object(type, defs));
    }
    return NODES.objectNode().put("$ref", "#/$defs/" + defName(raw));
  }

  private ObjectNode object(JavaType type, Map<Class<?>, ObjectNode> defs) {
    BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
    ObjectNode node = NODES.objectNode().put("type", "object");
    ObjectNode properties = node.putObject("properties");
    ArrayNode required = node.putArray("required");
    for (BeanPropertyDefinition p : bean.findProperties()) {
      JavaType propertyType = p.getPrimaryType();
      properties.set(p.getName(), schema(propertyType, defs, false));
      if (propertyType.getRawClass() != Optional.class) {
        required.add(p.getName());
      }
    }
    node.put("additionalProperties", false);
    return node;
  }

  private static String simpleType(Class<?> raw) {
    if (raw == String.class
        || raw == char.class
        || raw == Character.class
        || raw == UUID.class
        || Temporal.class.isAssignableFrom(raw)
        || raw == java.time.Duration.class) {
      return "string";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == int.class
        || raw == long.class
        || raw == short.class
        || raw == byte.class
        || raw == Integer.class
        || raw == Long.class
        || raw == Short.class
        || raw == Byte.class
        || raw == BigInteger.class) {
      return "integer";
    }
    if (raw == double.class
        || raw == float.class
        || raw == Double.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      return "number";
    }
    return null;
  }

  private static String defName(Class<?> c) {
    return c.getName().replace('$', '.');
  }
}
