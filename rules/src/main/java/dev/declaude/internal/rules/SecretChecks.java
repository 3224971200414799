package dev.declaude.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Strings in annotations that look like an Anthropic API key. */
final class SecretChecks {
  /** {@code sk-ant-} then enough key characters; real keys have about 100, we ask for 20. */
  private static final Pattern KEY = Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{20,}");

  private SecretChecks() {}

  static boolean looksLikeKey(String s) {
    return KEY.matcher(s).find();
  }

  /**
   * Returns {@code message} with anything that looks like an API key replaced: a rule's message may
   * quote a placeholder, a {@code @Name} or a model id, and none of them may put a key into a build
   * log.
   */
  static String redact(String message) {
    return KEY.matcher(message).replaceAll("sk-ant-<redacted>");
  }

  /**
   * Checks the string constants a type declares: a key in one is as exposed as a key in a prompt.
   */
  static void constants(ServiceDescription s, Findings f) {
    for (Located<String> constant : s.constants()) {
      if (looksLikeKey(constant.value())) {
        f.add(
            Rule.API_KEY_LITERAL,
            constant.location(),
            null,
            "this constant contains what looks like an Anthropic API key (sk-ant-...); never put an API key in"
                + " source; use ANTHROPIC_API_KEY");
      }
    }
  }

  static void apiKeys(MethodDescription m, Findings f) {
    for (Located<String> s : strings(m)) {
      if (looksLikeKey(s.value())) {
        // Never echo the value: the message would put the key into build logs.
        f.add(
            Rule.API_KEY_LITERAL,
            s.location(),
            m,
            "this string contains what looks like an Anthropic API key (sk-ant-...); never put an API key in"
                + " source; use ANTHROPIC_API_KEY");
      }
    }
  }

  private static List<Located<String>> strings(MethodDescription m) {
    List<Located<String>> all = new ArrayList<>();
    PromptDescription p = m.prompt();
    if (p != null) {
      all.add(p.template());
      all.add(p.system());
      all.add(p.model());
      all.addAll(p.stopSequences());
      p.turns().forEach(t -> all.add(t.text()));
    }
    for (ParameterDescription param : m.parameters()) {
      if (param.explicitName() != null) {
        all.add(param.explicitName());
      }
    }
    return all;
  }
}
