package dev.declaude.internal.rules;

import java.util.Optional;

/** The model and the settings whose limits depend on it. */
final class ModelChecks {
  private ModelChecks() {}

  static void model(MethodDescription m, Findings f) {
    PromptDescription p = m.prompt();
    String explicit = p.model().value();
    String name = explicit.isEmpty() ? f.defaultModel : explicit;
    Optional<ModelInfo> info = f.catalogue.find(name);
    if (info.isEmpty() && !explicit.isEmpty()) {
      f.add(Rule.MODEL_UNKNOWN, p.model().location(), m,
          "model \"" + explicit + "\" is not in declaude's model catalogue, so its limits cannot be checked;"
              + suggestion(explicit, f.catalogue) + " check the id, or update declaude if the model is new");
    }
    if (info.isPresent() && !explicit.isEmpty()) {
      lifecycle(m, info.get(), f);
    }
    maxTokens(m, info.orElse(null), label(name, explicit.isEmpty()), f);
    temperature(m, info.orElse(null), label(name, explicit.isEmpty()), f);
  }

  private static String label(String name, boolean isDefault) {
    return isDefault ? name + " (the default model)" : name;
  }

  private static void lifecycle(MethodDescription m, ModelInfo info, Findings f) {
    Located<String> model = m.prompt().model();
    String use = info.replacement() == null ? "" : "; move to " + info.replacement();
    switch (info.lifecycleOn(f.today)) {
      case RETIRED:
        f.add(Rule.MODEL_RETIRED, model.location(), m,
            "model " + model.value() + " was retired on " + info.retired() + " and every request to it fails"
                + " with 404 not_found_error" + (use.isEmpty() ? "; choose a current model" : use));
        break;
      case DEPRECATED:
        f.add(Rule.MODEL_DEPRECATED, model.location(), m,
            "model " + model.value() + " is deprecated"
                + (info.retired() == null ? "" : " and retires on " + info.retired()) + use);
        break;
      default:
        break;
    }
  }

  private static void maxTokens(MethodDescription m, ModelInfo info, String model, Findings f) {
    Located<Integer> max = m.prompt().maxTokens();
    if (max.value() < 1) {
      f.add(Rule.MAX_TOKENS, max.location(), m,
          "maxTokens is " + max.value() + " but must be at least 1: a method that returns text needs output");
    } else if (info != null && max.value() > info.maxOutputTokens()) {
      f.add(Rule.MAX_TOKENS, max.location(), m,
          "maxTokens " + max.value() + " exceeds the output limit of " + model + ", " + info.maxOutputTokens()
              + " tokens; lower it to at most " + info.maxOutputTokens());
    }
  }

  private static void temperature(MethodDescription m, ModelInfo info, String model, Findings f) {
    Located<Double> t = m.prompt().temperature();
    double v = t.value();
    if (Double.isNaN(v)) {
      return; // unset: the model's default
    }
    if (!(v >= 0 && v <= 1)) {
      f.add(Rule.TEMPERATURE_RANGE, t.location(), m,
          "temperature " + v + " is outside [0, 1]; choose a value in that range, or leave it unset");
    } else if (info != null && info.onlyDefaultSampling() && v != 1.0) {
      f.add(Rule.TEMPERATURE_UNSUPPORTED, t.location(), m,
          "model " + model + " accepts only temperature 1.0 (sampling parameters are deprecated for models"
              + " after Claude Opus 4.6); remove temperature");
    }
  }

  static void stopSequences(MethodDescription m, Findings f) {
    int i = 0;
    for (Located<String> s : m.prompt().stopSequences()) {
      i++;
      if (s.value().isBlank()) {
        f.add(Rule.STOP_SEQUENCE_BLANK, s.location(), m,
            "stop sequence " + i + " is blank, which the API rejects; remove it or give it visible text");
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
    java.util.List<String> names = new java.util.ArrayList<>(info.aliases());
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
