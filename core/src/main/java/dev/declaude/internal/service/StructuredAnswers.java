package dev.declaude.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.error.ResponseFormatException;
import dev.declaude.response.ClaudeResponse;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Asks for JSON of a type and reads the answer into it. The request's {@code output_config} carries
 * the type's JSON schema ({@code {"format":{"type":"json_schema","schema":...}}}); an answer that
 * does not parse, or that {@code max_tokens} cut short, becomes a {@link ResponseFormatException}
 * with the raw text, never a Jackson exception. Immutable and thread-safe.
 */
final class StructuredAnswers {
  private final ObjectMapper mapper;
  private final JavaType type;
  private final JsonNode outputConfig;

  StructuredAnswers(ObjectMapper mapper, Type type) {
    this.mapper = mapper;
    this.type = mapper.constructType(type);
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    ObjectNode format = config.putObject("format");
    format.put("type", "json_schema");
    format.set("schema", new JsonSchemas(mapper).schemaOf(type));
    this.outputConfig = config;
  }

  /** Returns the {@code output_config} that asks for this type. */
  JsonNode outputConfig() {
    return outputConfig;
  }

  /** Returns the answer read into the type. */
  Object read(ClaudeResponse response) {
    String text = response.text();
    if ("max_tokens".equals(response.stopReason())) {
      throw new ResponseFormatException(
          "the answer was cut off at max_tokens ("
              + response.usage().outputTokens()
              + " tokens) before its JSON was complete; raise maxTokens",
          text,
          response.requestId(),
          null);
    }
    try {
      Object value = mapper.readValue(text, type);
      if (value == null) {
        throw new ResponseFormatException(
            "the answer is JSON null, not a " + type.getRawClass().getSimpleName(),
            text,
            response.requestId(),
            null);
      }
      return value;
    } catch (IOException e) {
      throw new ResponseFormatException(
          "the answer is not JSON of "
              + type.getRawClass().getSimpleName()
              + ": "
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()),
          text,
          response.requestId(),
          e);
    }
  }
}
