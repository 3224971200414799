package dev.declaude.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model and the settings whose limits depend on it. */
final class ModelChecks {
  private ModelChecks() {}

  static void model(MethodDescription m, Findings f) {
    PromptDescription p = m.prompt();
    String explicit = p.model().value();
    String name = explicit.isEmpty() ? f.defaultModel : explicit;
    ModelInfo info = known(m, p.model(), explicit.isEmpty(), f);
    String label = explicit.isEmpty() ? name + " (the default model)" : name;
    Located<Integer> max = p.maxTokens();
    if (max.value() < 1) {
      f.add(
          Rule.MAX_TOKENS,
          max.location(),
          m,
          "maxTokens is "
              + max.value()
              + " but must be at least 1: a method that returns text needs output");
    } else {
      maxTokens(m, info, label, max.location(), f);
    }
    Located<Double> t = p.temperature();
    if (!Double.isNaN(t.value()) && !(t.value() >= 0 && t.value() <= 1)) {
      f.add(
          Rule.TEMPERATURE_RANGE,
          t.location(),
          m,
          "temperature "
              + t.value()
              + " is outside [0, 1]; choose a value in that range, or leave it unset");
    } else {
      temperature(m, info, "model " + label, t.location(), f);
    }
    fallbacks(m, name, f);
  }

  /**
   * Checks each fallback model as the primary is checked, each finding on its array element: a
   * fallback the rules would refuse as the primary would fail the call exactly when it is needed.
   */
  private static void fallbacks(MethodDescription m, String primary, Findings f) {
    PromptDescription p = m.prompt();
    List<String> seen = new ArrayList<>();
    seen.add(canonical(primary, f));
    for (Located<String> fallback : p.fallbackModels()) {
      if (fallback.value().isBlank()) {
        f.add(
            Rule.FALLBACK_MODEL,
            fallback.location(),
            m,
            "a fallback model is blank; name a model, or remove the entry");
        continue;
      }
      String id = canonical(fallback.value(), f);
      if (seen.contains(id)) {
        f.add(
            Rule.FALLBACK_MODEL,
            fallback.location(),
            m,
            "fallback model "
                + fallback.value()
                + " is already "
                + (seen.indexOf(id) == 0 ? "the model" : "an" + " earlier fallback")
                + " of this method; a call would ask an overloaded model again");
        continue;
      }
      seen.add(id);
      ModelInfo info = known(m, fallback, false, f);
      if (p.maxTokens().value() >= 1) {
        maxTokens(m, info, "fallback model " + fallback.value(), fallback.location(), f);
      }
      Located<Double> t = p.temperature();
      if (!Double.isNaN(t.value()) && t.value() >= 0 && t.value() <= 1) {
        temperature(m, info, "fallback model " + fallback.value(), fallback.location(), f);
      }
    }
  }

  private static String canonical(String model, Findings f) {
    return f.catalogue.find(model).map(ModelInfo::id).orElse(model);
  }

  /**
   * Reports an unknown or ageing model, and returns what the catalogue knows of it, or {@code
   * null}.
   */
  private static ModelInfo known(
      MethodDescription m, Located<String> model, boolean isDefault, Findings f) {
    String name = isDefault ? f.defaultModel : model.value();
    Optional<ModelInfo> info = f.catalogue.find(name);
    if (info.isEmpty() && !isDefault) {
      f.add(
          Rule.MODEL_UNKNOWN,
          model.location(),
          m,
          "model \""
              + name
              + "\" is not in declaude's model catalogue, so its limits cannot be checked;"
              + suggestion(name, f.catalogue)
              + " check the id, or update declaude if the model is new");
    }
    if (info.isPresent() && !isDefault) {
      lifecycle(m, model, info.get(), f);
    }
    return info.orElse(null);
  }

  private static void lifecycle(
      MethodDescription m, Located<String> model, ModelInfo info, Findings f) {
    String use = info.replacement() == null ? "" : "; move to " + info.replacement();
    switch (info.lifecycleOn(f.today)) {
      case RETIRED:
        f.add(
            Rule.MODEL_RETIRED,
            model.location(),
            m,
            "model "
                + model.value()
                + " was retired on "
                + info.retired()
                + " and every request to it fails"
                + " with 404 not_found_error"
                + (use.isEmpty() ? "; choose a current model" : use));
        break;
      case DEPRECATED:
        f.add(
            Rule.MODEL_DEPRECATED,
            model.location(),
            m,
            "model "
                + model.value()
                + " is deprecated"
                + (info.retired() == null ? "" : " and retires on " + info.retired())
                + use);
        break;
      default:
        break;
    }
  }

  /** Reports {@code maxTokens} above the output limit of {@code model}, at {@code where}. */
  private static void maxTokens(
      MethodDescription m, ModelInfo info, String model, Location where, Findings f) {
    int max = m.prompt().maxTokens().value();
    if (info != null && max > info.maxOutputTokens()) {
      f.add(
          Rule.MAX_TOKENS,
          where,
          m,
          "maxTokens "
              + max
              + " exceeds the output limit of "
              + model
              + ", "
              + info.maxOutputTokens()
              + " tokens; lower it to at most "
              + info.maxOutputTokens());
    }
  }

  /** Reports a set temperature that {@code model} does not accept, at {@code where}. */
  private static void temperature(
      MethodDescription m, ModelInfo info, String model, Location where, Findings f) {
    double v = m.prompt().temperature().value();
    if (!Double.isNaN(v) && info != null && info.onlyDefaultSampling() && v != 1.0) {
      f.add(
          Rule.TEMPERATURE_UNSUPPORTED,
          where,
          m,
          model
              + " accepts only temperature 1.0 (sampling parameters are deprecated for models"
              + " after Claude Opus 4.6); remove temperature");
    }
  }

  static void stopSequences(MethodDescription m, Findings f) {
    int i = 0;
    for (Located<String> s : m.prompt().stopSequences()) {
      i++;
      if (s.value().isBlank()) {
        f.add(
            Rule.STOP_SEQUENCE_BLANK,
            s.location(),
            m,
            "stop sequence "
                + i
                + " is blank, which the API rejects; remove it or give it visible text");
      }
    }
  }

  private static String suggestion(String id, ModelCatalogue catalogue) {
    String best = null;
    int bestDistance = 4; // farther than 3 edits is no longer a typo
    for (ModelInfo info : catalogue.models()) {
      for (String name : names(info)) {
        int d = distance(id, name);
        if (d < bestDistance) {
          best = name;
          bestDistance = d;
        }
      }
    }
    return best == null ? "" : " did you mean " + best + "?";
  }

  private static Iterable<String> names(ModelInfo info) {
    List<String> names = new ArrayList<>(info.aliases());
    names.add(0, info.id());
    return names;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
