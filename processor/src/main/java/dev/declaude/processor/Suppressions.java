package dev.declaude.processor;

import javax.lang.model.element.Element;

/** {@code @SuppressWarnings("declaude")} and {@code @SuppressWarnings("declaude:<rule-id>")}. */
final class Suppressions {
  private Suppressions() {}

  /** Returns whether {@code element} or an enclosing element suppresses the rule {@code ruleId}. */
  static boolean suppressed(Element element, String ruleId) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null) {
        for (String token : s.value()) {
          if (token.equals("declaude") || token.equals("declaude:" + ruleId)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
