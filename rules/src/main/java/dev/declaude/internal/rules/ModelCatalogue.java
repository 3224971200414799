package dev.declaude.internal.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models declaude knows: ids, aliases, limits, sampling and prefill rules, and lifecycle dates.
 * The data lives in one file, {@code dev/declaude/internal/rules/models.tsv}, so a new model or a
 * deprecation is a one-file change. Immutable and thread-safe.
 */
public final class ModelCatalogue {
  private static final String RESOURCE = "models.tsv";
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
      throw new IllegalStateException(
          "the catalogue's default model " + defaultId + " is not in it");
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
        throw new IllegalStateException("missing resource dev/declaude/internal/rules/" + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<ModelInfo> models = new ArrayList<>();
      String defaultId = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f[0].equals("default")) {
          defaultId = f[1];
        } else {
          models.add(parse(f, line));
        }
      }
      return new ModelCatalogue(models, defaultId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model catalogue " + RESOURCE, e);
    }
  }

  private static ModelInfo parse(String[] f, String line) {
    if (f.length != 9) {
      throw new IllegalStateException("a catalogue line needs 9 tab-separated fields: " + line);
    }
    return new ModelInfo(
        f[0],
        f[1].equals("-") ? List.of() : List.of(f[1].split(",")),
        Integer.parseInt(f[2]),
        Integer.parseInt(f[3]),
        "default-only".equals(f[4]),
        Boolean.parseBoolean(f[5]),
        date(f[6]),
        date(f[7]),
        f[8].equals("-") ? null : f[8]);
  }

  private static LocalDate date(String field) {
    return field.equals("-") ? null : LocalDate.parse(field);
  }
}
