package dev.declaude.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models declaude knows: ids, aliases, limits, sampling and prefill rules, and lifecycle dates. The
 * data lives in one file, {@code dev/declaude/rules/models.json}, so a new model or a deprecation is a
 * one-file change. Immutable and thread-safe.
 */
public final class ModelCatalogue {
  private static final String RESOURCE = "models.json";
  private static final ModelCatalogue STANDARD = load();

  private final List<ModelInfo> models;
  private final Map<String, ModelInfo> byName;
  private final ModelInfo defaultModel;

  private ModelCatalogue(List<ModelInfo> models, String defaultId) {
    this.models = List.copyOf(models);
    Map<String, ModelInfo> names = new HashMap<>();
    for (ModelInfo m : models) {
      names.put(m.id(), m);
      m.aliases().forEach(a -> names.put(a, m));
    }
    this.byName = Map.copyOf(names);
    this.defaultModel = byName.get(defaultId);
    if (defaultModel == null) {
      throw new IllegalStateException("the catalogue's default model " + defaultId + " is not in it");
    }
  }

  /** Returns the catalogue shipped with this version of declaude. */
  public static ModelCatalogue standard() {
    return STANDARD;
  }

  /** Returns every model, in catalogue order. */
  public List<ModelInfo> models() {
    return models;
  }

  /** Returns the model named {@code idOrAlias}, if the catalogue knows it. */
  public Optional<ModelInfo> find(String idOrAlias) {
    return Optional.ofNullable(idOrAlias == null ? null : byName.get(idOrAlias));
  }

  /** Returns the model a client uses when neither it nor the call names one. */
  public ModelInfo defaultModel() {
    return defaultModel;
  }

  private static ModelCatalogue load() {
    try (InputStream in = ModelCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/declaude/rules/" + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<ModelInfo> models = new ArrayList<>();
      for (JsonNode m : root.path("models")) {
        models.add(parse(m));
      }
      return new ModelCatalogue(models, root.path("default").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model catalogue " + RESOURCE, e);
    }
  }

  private static ModelInfo parse(JsonNode m) {
    List<String> aliases = new ArrayList<>();
    m.path("aliases").forEach(a -> aliases.add(a.asText()));
    return new ModelInfo(
        m.path("id").asText(),
        aliases,
        m.path("context").asInt(),
        m.path("maxOutput").asInt(),
        "default-only".equals(m.path("sampling").asText()),
        m.path("prefill").asBoolean(),
        date(m, "deprecated"),
        date(m, "retired"),
        m.hasNonNull("replacement") ? m.get("replacement").asText() : null);
  }

  private static LocalDate date(JsonNode m, String field) {
    return m.hasNonNull(field) ? LocalDate.parse(m.get(field).asText()) : null;
  }
}
