package dev.declaude.internal.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The template and its placeholders against the method's parameters. */
final class TemplateChecks {
  private TemplateChecks() {}

  /** Returns the parsed template, or {@code null} after reporting why it cannot be parsed. */
  static PromptTemplate template(MethodDescription m, Findings f) {
    Located<String> t = m.prompt().template();
    if (t.value().isBlank()) {
      f.add(
          Rule.TEMPLATE_BLANK,
          t.location(),
          m,
          "the template is blank; write the user message, such as \"Question: {question}\"");
      return null;
    }
    try {
      return PromptTemplate.parse(t.value());
    } catch (IllegalArgumentException e) {
      f.add(
          Rule.TEMPLATE_BRACES,
          t.location(),
          m,
          "malformed template: " + e.getMessage() + "; write {{ or }} for a literal brace");
      return null;
    }
  }

  /** Every placeholder names a parameter and every placeholder parameter is used. */
  static void placeholders(MethodDescription m, PromptTemplate template, Findings f) {
    List<ParameterDescription> params =
        m.parameters().stream()
            .filter(p -> p.role() == ParameterRole.PLACEHOLDER)
            .collect(Collectors.toList());
    if (!names(m, params, f)) {
      return;
    }
    Set<String> used = template.placeholders();
    if (!used.isEmpty() && !namesKnown(m, params, f)) {
      return;
    }
    Set<String> bound =
        params.stream().map(ParameterDescription::placeholderName).collect(Collectors.toSet());
    for (String name : used) {
      if (!bound.contains(name)) {
        f.add(
            Rule.PLACEHOLDER_UNBOUND,
            m.prompt().template().location(),
            m,
            "placeholder {"
                + name
                + "} names no parameter of "
                + m.name()
                + "; parameters: "
                + params.stream().map(ParameterDescription::label).collect(Collectors.toList())
                + "; rename the placeholder or add a parameter "
                + name);
      }
    }
    for (ParameterDescription p : params) {
      if (!used.contains(p.placeholderName())) {
        String fix =
            p.placeholderName() == null
                ? "name it with @Name and use that placeholder in the template, or remove the parameter"
                : "add {" + p.placeholderName() + "} to the template or remove the parameter";
        f.add(
            Rule.PARAMETER_UNUSED,
            p.location(),
            m,
            "parameter " + p.label() + " is not used by the template; " + fix);
      }
    }
  }

  private static boolean names(MethodDescription m, List<ParameterDescription> params, Findings f) {
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    for (ParameterDescription p : params) {
      Located<String> explicit = p.explicitName();
      if (explicit != null && !PromptTemplate.isIdentifier(explicit.value())) {
        f.add(
            Rule.PARAMETER_NAME_INVALID,
            explicit.location(),
            m,
            "@Name(\""
                + explicit.value()
                + "\") is not a Java identifier; use the placeholder's name as written"
                + " between the braces");
        ok = false;
      } else if (p.placeholderName() != null && !seen.add(p.placeholderName())) {
        f.add(
            Rule.PARAMETER_NAME_INVALID,
            explicit != null ? explicit.location() : p.location(),
            m,
            "two parameters answer to the name "
                + p.placeholderName()
                + "; give each its own @Name");
        ok = false;
      }
    }
    return ok;
  }

  private static boolean namesKnown(
      MethodDescription m, List<ParameterDescription> params, Findings f) {
    boolean ok = true;
    for (ParameterDescription p : params) {
      if (p.placeholderName() == null) {
        f.add(
            Rule.PARAMETER_NAME_MISSING,
            p.location(),
            m,
            "the name of parameter "
                + p.label()
                + " is unknown at run time, so placeholders cannot be bound"
                + " to it; compile with -parameters or annotate the parameter with @Name");
        ok = false;
      }
    }
    return ok;
  }
}
