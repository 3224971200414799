package dev.declaude.processor;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.annotation.Name;
import dev.declaude.annotation.Overflow;
import dev.declaude.annotation.RetryOn;
import dev.declaude.annotation.Role;
import dev.declaude.internal.rules.ContextDescription;
import dev.declaude.internal.rules.Located;
import dev.declaude.internal.rules.MethodDescription;
import dev.declaude.internal.rules.ParameterDescription;
import dev.declaude.internal.rules.PromptDescription;
import dev.declaude.internal.rules.RetryDescription;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.ServiceDescription;
import dev.declaude.internal.rules.TurnDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Describes a type from {@code javax.lang.model}, with locations that lead javac to the exact
 * token, for core's {@link RuleSet}. Core's {@code ReflectiveServiceReader} builds the same
 * description at run time.
 */
final class ElementServiceReader {
  static final String PROMPT = ClaudePrompt.class.getCanonicalName();
  static final String RETRY_ON = RetryOn.class.getCanonicalName();
  private static final String NAME = Name.class.getCanonicalName();
  private static final String CONTEXT_POLICY = ContextPolicy.class.getCanonicalName();

  private final Elements elements;

  ElementServiceReader(Elements elements) {
    this.elements = elements;
  }

  ServiceDescription describe(TypeElement type) {
    AnnotationMirror retry = find(type, RETRY_ON);
    AnnotationMirror context = find(type, CONTEXT_POLICY);
    List<MethodDescription> methods = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      methods.add(method(m));
    }
    return new ServiceDescription(
        type.getQualifiedName().toString(),
        type.getKind() == ElementKind.INTERFACE,
        retry == null ? null : retry(type, retry),
        context == null ? null : context(type, context),
        methods,
        constants(type),
        ElementLocation.of(type));
  }

  private MethodDescription method(ExecutableElement m) {
    AnnotationMirror prompt = find(m, PROMPT);
    AnnotationMirror retry = find(m, RETRY_ON);
    AnnotationMirror context = find(m, CONTEXT_POLICY);
    List<ParameterDescription> params = new ArrayList<>();
    List<? extends VariableElement> ps = m.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      params.add(parameter(ps.get(i), i));
    }
    List<Located<String>> foreign = new ArrayList<>();
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
      if (RuleSet.FOREIGN_RETRY_ANNOTATIONS.contains(name)) {
        foreign.add(Located.of(name, new ElementLocation(m, a, null)));
      }
    }
    return new MethodDescription(
        m.getSimpleName().toString(),
        kind(m.getModifiers()),
        ElementTypes.shape(m.getReturnType()),
        params,
        prompt == null ? null : prompt(m, prompt),
        retry == null ? null : retry(m, retry),
        context == null ? null : context(m, context),
        foreign,
        ElementLocation.of(m));
  }

  private static MethodDescription.Kind kind(Set<Modifier> modifiers) {
    if (modifiers.contains(Modifier.STATIC)) {
      return MethodDescription.Kind.STATIC;
    }
    if (modifiers.contains(Modifier.DEFAULT)) {
      return MethodDescription.Kind.DEFAULT;
    }
    return modifiers.contains(Modifier.ABSTRACT)
        ? MethodDescription.Kind.ABSTRACT
        : MethodDescription.Kind.CONCRETE;
  }

  private ParameterDescription parameter(VariableElement p, int index) {
    AnnotationMirror name = find(p, NAME);
    return new ParameterDescription(
        index,
        p.getSimpleName().toString(),
        name == null ? null : new Values(p, name).string("value"),
        ElementTypes.shape(p.asType()),
        ElementLocation.of(p));
  }

  private PromptDescription prompt(Element m, AnnotationMirror mirror) {
    Values v = new Values(m, mirror);
    List<Located<String>> stops = new ArrayList<>();
    for (AnnotationValue s : v.array("stopSequences")) {
      stops.add(Located.of((String) s.getValue(), new ElementLocation(m, mirror, s)));
    }
    List<Located<String>> fallbacks = new ArrayList<>();
    for (AnnotationValue f : v.array("fallbackModels")) {
      fallbacks.add(Located.of((String) f.getValue(), new ElementLocation(m, mirror, f)));
    }
    List<TurnDescription> turns = new ArrayList<>();
    for (AnnotationValue t : v.array("turns")) {
      Values turn = new Values(m, (AnnotationMirror) t.getValue());
      Located<String> role = turn.enumName("role");
      turns.add(
          new TurnDescription(
              Located.of(Role.valueOf(role.value()), role.location()), turn.string("text")));
    }
    return new PromptDescription(
        new ElementLocation(m, mirror, null),
        v.string("value"),
        v.string("system"),
        v.string("model"),
        v.located("maxTokens", Integer.class),
        v.located("temperature", Double.class),
        stops,
        turns,
        fallbacks,
        v.located("fallbackAtOnce", Boolean.class).value());
  }

  private RetryDescription retry(Element e, AnnotationMirror mirror) {
    Values v = new Values(e, mirror);
    List<Located<ErrorKind>> kinds = new ArrayList<>();
    for (AnnotationValue k : v.array("value")) {
      String name = ((VariableElement) k.getValue()).getSimpleName().toString();
      kinds.add(Located.of(ErrorKind.valueOf(name), new ElementLocation(e, mirror, k)));
    }
    return new RetryDescription(
        new ElementLocation(e, mirror, null),
        kinds,
        v.located("maxAttempts", Integer.class),
        v.located("initialDelayMs", Long.class),
        v.located("maxDelayMs", Long.class),
        v.located("multiplier", Double.class),
        v.located("maxElapsedMs", Long.class),
        v.located("maxServerWaitMs", Long.class),
        v.jitter());
  }

  /**
   * Returns the type's {@code String} constants with their values; a key in one is as bad as in a
   * prompt.
   */
  private static List<Located<String>> constants(TypeElement type) {
    List<Located<String>> all = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (field.getConstantValue() instanceof String value) {
        all.add(Located.of(value, ElementLocation.of(field)));
      }
    }
    return all;
  }

  private ContextDescription context(Element e, AnnotationMirror mirror) {
    Values v = new Values(e, mirror);
    return new ContextDescription(
        new ElementLocation(e, mirror, null),
        Overflow.valueOf(v.enumName("value").value()),
        v.located("marginTokens", Integer.class),
        v.located("countTokens", Boolean.class).value());
  }

  private static AnnotationMirror find(Element e, String qualifiedName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(qualifiedName)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The values of one annotation, defaults included; only written values carry a value location.
   */
  private final class Values {
    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<String, AnnotationValue> explicit = new HashMap<>();
    private final Map<String, AnnotationValue> all = new HashMap<>();

    Values(Element element, AnnotationMirror mirror) {
      this.element = element;
      this.mirror = mirror;
      mirror.getElementValues().forEach((k, v) -> explicit.put(k.getSimpleName().toString(), v));
      elements
          .getElementValuesWithDefaults(mirror)
          .forEach((k, v) -> all.put(k.getSimpleName().toString(), v));
    }

    <T> Located<T> located(String name, Class<T> type) {
      return Located.of(
          type.cast(all.get(name).getValue()),
          new ElementLocation(element, mirror, explicit.get(name)));
    }

    Located<String> string(String name) {
      return located(name, String.class);
    }

    Located<String> enumName(String name) {
      AnnotationValue v = all.get(name);
      String constant = ((VariableElement) v.getValue()).getSimpleName().toString();
      return Located.of(constant, new ElementLocation(element, mirror, explicit.get(name)));
    }

    Located<Jitter> jitter() {
      Located<String> name = enumName("jitter");
      return Located.of(Jitter.valueOf(name.value()), name.location());
    }

    @SuppressWarnings("unchecked")
    List<AnnotationValue> array(String name) {
      return (List<AnnotationValue>) all.get(name).getValue();
    }
  }
}
