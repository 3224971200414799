package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
  private final ObjectMapper mapper =
      JsonMapper.builder().addModule(new Jdk8Module()).addModule(new JavaTimeModule()).build();

  enum Status {
    OPEN,
    SHIPPED
  }

  record Item(String sku, int quantity, double price) {}

  record Order(
      @JsonProperty("order_id") String id,
      List<Item> items,
      Status status,
      LocalDate placed,
      Optional<String> note,
      Map<String, Integer> tags,
      boolean gift) {}

  record Node(String name, List<Node> children) {}

  @Test
  void aRecordBecomesAClosedObjectWithEveryComponentRequiredButOptionals() {
    assertEquals(
        "{\"type\":\"object\",\"properties\":{"
            + "\"order_id\":{\"type\":\"string\"},"
            + "\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/dev.declaude.internal.service.JsonSchemasTest.Item\"}},"
            + "\"status\":{\"type\":\"string\",\"enum\":[\"OPEN\",\"SHIPPED\"]},"
            + "\"placed\":{\"type\":\"string\",\"format\":\"date\"},"
            + "\"note\":{\"type\":\"string\"},"
            + "\"tags\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}},"
            + "\"gift\":{\"type\":\"boolean\"}},"
            + "\"required\":[\"order_id\",\"items\",\"status\",\"placed\",\"tags\",\"gift\"],"
            + "\"additionalProperties\":false,"
            + "\"$defs\":{\"dev.declaude.internal.service.JsonSchemasTest.Item\":{\"type\":\"object\",\"properties\":{"
            + "\"sku\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\"},\"price\":{\"type\":\"number\"}},"
            + "\"required\":[\"sku\",\"quantity\",\"price\"],\"additionalProperties\":false}}}",
        new JsonSchemas(mapper).schemaOf(Order.class).toString());
  }

  @Test
  void aRecursiveTypeRefersToItself() {
    var schema = new JsonSchemas(mapper).schemaOf(Node.class);
    assertEquals(
        "{\"$ref\":\"#/$defs/dev.declaude.internal.service.JsonSchemasTest.Node\"}",
        schema.at("/properties/children/items").toString());
  }
}
