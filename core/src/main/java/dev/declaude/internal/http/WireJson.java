package dev.declaude.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.declaude.annotation.Role;
import java.io.IOException;

/**
 * The one Jackson configuration of the wire model: unknown fields ignored (the API adds fields
 * without notice), roles spelled as the API spells them.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(roleModule())
          .build();

  private WireJson() {}

  /** Returns the shared, thread-safe mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static SimpleModule roleModule() {
    SimpleModule module = new SimpleModule("declaude-roles");
    module.addSerializer(
        Role.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Role role, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(role.wire());
          }
        });
    module.addDeserializer(
        Role.class,
        new JsonDeserializer<>() {
          @Override
          public Role deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String wire = p.getValueAsString();
            try {
              return Role.fromWire(wire);
            } catch (IllegalArgumentException e) {
              return (Role) ctxt.handleWeirdStringValue(Role.class, wire, e.getMessage());
            }
          }
        });
    return module;
  }
}
