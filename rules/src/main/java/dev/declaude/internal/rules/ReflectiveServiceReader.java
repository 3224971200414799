package dev.declaude.internal.rules;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Name;
import dev.declaude.annotation.RetryOn;
import dev.declaude.annotation.Turn;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Describes a type from reflection, for {@link RuleSet} at run time. The processor builds the same
 * description from {@code javax.lang.model}.
 *
 * <p>A parameter's name is known only when the class was compiled with {@code -parameters};
 * otherwise {@link ParameterDescription#name()} is {@code null} and only {@link Name @Name} names
 * it.
 */
public final class ReflectiveServiceReader {
  private ReflectiveServiceReader() {}

  /**
   * Returns the description of {@code type}: its own and, for an interface, its inherited methods.
   */
  public static ServiceDescription describe(Class<?> type) {
    RetryOn retry = type.getDeclaredAnnotation(RetryOn.class);
    ContextPolicy context = type.getDeclaredAnnotation(ContextPolicy.class);
    List<MethodDescription> methods = new ArrayList<>();
    for (Method m : methodsOf(type)) {
      methods.add(method(m, type));
    }
    return new ServiceDescription(
        ReflectiveTypes.nameOf(type),
        type.isInterface(),
        retry == null ? null : retry(retry, "type " + type.getSimpleName()),
        context == null ? null : context(context, "type " + type.getSimpleName()),
        methods,
        constants(type),
        new ReflectiveLocation("type " + type.getSimpleName()));
  }

  /**
   * The order in which a service's methods are read, reported and numbered: by name, then by
   * parameter types, then by the type declaring them. Reflection returns methods in no particular
   * order, and not always the same one: a report listed a service's errors in a different order
   * from run to run.
   */
  public static final Comparator<Method> METHOD_ORDER =
      Comparator.comparing(Method::getName)
          .thenComparing(m -> Arrays.toString(m.getParameterTypes()))
          .thenComparing(m -> m.getDeclaringClass().getName());

  private static List<Method> methodsOf(Class<?> type) {
    Set<Method> all = new LinkedHashSet<>(List.of(type.getDeclaredMethods()));
    if (type.isInterface()) {
      all.addAll(List.of(type.getMethods()));
    }
    all.removeIf(m -> m.isSynthetic() || m.isBridge());
    return all.stream().sorted(METHOD_ORDER).toList();
  }

  /** Returns the description of one method on its own, as the type declaring it sees it. */
  public static MethodDescription method(Method m) {
    return method(m, m.getDeclaringClass());
  }

  /**
   * Returns the description of one method called through {@code through}. Annotations on interfaces
   * are not inherited, so for a method {@code through} inherits, the {@code @RetryOn} and
   * {@code @ContextPolicy} of the interface declaring it count as the method's own unless the
   * method or {@code through} has one: the order in which a call looks for them, and so the one the
   * rules must check.
   */
  public static MethodDescription method(Method m, Class<?> through) {
    String where = m.getName() + " ";
    ClaudePrompt prompt = m.getDeclaredAnnotation(ClaudePrompt.class);
    Class<?> declaring = m.getDeclaringClass();
    String inherited = "type " + declaring.getSimpleName();
    RetryOn retry = m.getDeclaredAnnotation(RetryOn.class);
    boolean retryInherited =
        retry == null && declaring != through && !through.isAnnotationPresent(RetryOn.class);
    if (retryInherited) {
      retry = declaring.getDeclaredAnnotation(RetryOn.class);
    }
    ContextPolicy context = m.getDeclaredAnnotation(ContextPolicy.class);
    boolean contextInherited =
        context == null
            && declaring != through
            && !through.isAnnotationPresent(ContextPolicy.class);
    if (contextInherited) {
      context = declaring.getDeclaredAnnotation(ContextPolicy.class);
    }
    List<ParameterDescription> params = new ArrayList<>();
    Parameter[] ps = m.getParameters();
    for (int i = 0; i < ps.length; i++) {
      params.add(parameter(m, ps[i], i));
    }
    List<Located<String>> foreign = new ArrayList<>();
    for (Annotation a : m.getDeclaredAnnotations()) {
      String name = a.annotationType().getName();
      if (RuleSet.FOREIGN_RETRY_ANNOTATIONS.contains(name)) {
        foreign.add(
            Located.of(
                name, new ReflectiveLocation(where + "@" + a.annotationType().getSimpleName())));
      }
    }
    return new MethodDescription(
        m.getName(),
        kind(m),
        ReflectiveTypes.shape(m.getGenericReturnType()),
        params,
        prompt == null ? null : prompt(prompt, where),
        retry == null ? null : retry(retry, retryInherited ? inherited : where),
        context == null ? null : context(context, contextInherited ? inherited : where),
        foreign,
        new ReflectiveLocation("method " + m.getName()));
  }

  private static MethodDescription.Kind kind(Method m) {
    if (Modifier.isStatic(m.getModifiers())) {
      return MethodDescription.Kind.STATIC;
    }
    if (m.isDefault()) {
      return MethodDescription.Kind.DEFAULT;
    }
    return Modifier.isAbstract(m.getModifiers())
        ? MethodDescription.Kind.ABSTRACT
        : MethodDescription.Kind.CONCRETE;
  }

  private static ParameterDescription parameter(Method m, Parameter p, int index) {
    String label = p.isNamePresent() ? p.getName() : "#" + (index + 1);
    Name name = p.getDeclaredAnnotation(Name.class);
    return new ParameterDescription(
        index,
        p.isNamePresent() ? p.getName() : null,
        name == null ? null : at(name.value(), m.getName() + " parameter " + label + " @Name"),
        ReflectiveTypes.shape(p.getParameterizedType()),
        new ReflectiveLocation(m.getName() + " parameter " + label));
  }

  private static PromptDescription prompt(ClaudePrompt p, String where) {
    String a = where + "@ClaudePrompt";
    List<Located<String>> stops = new ArrayList<>();
    for (int i = 0; i < p.stopSequences().length; i++) {
      stops.add(at(p.stopSequences()[i], a + "(stopSequences[" + i + "])"));
    }
    List<Located<String>> fallbacks = new ArrayList<>();
    for (int i = 0; i < p.fallbackModels().length; i++) {
      fallbacks.add(at(p.fallbackModels()[i], a + "(fallbackModels[" + i + "])"));
    }
    List<TurnDescription> turns = new ArrayList<>();
    for (int i = 0; i < p.turns().length; i++) {
      Turn t = p.turns()[i];
      turns.add(
          new TurnDescription(
              at(t.role(), a + "(turns[" + i + "].role)"),
              at(t.text(), a + "(turns[" + i + "].text)")));
    }
    return new PromptDescription(
        new ReflectiveLocation(a),
        at(p.value(), a + "(value)"),
        at(p.system(), a + "(system)"),
        at(p.model(), a + "(model)"),
        at(p.maxTokens(), a + "(maxTokens)"),
        at(p.temperature(), a + "(temperature)"),
        stops,
        turns,
        fallbacks,
        p.fallbackAtOnce());
  }

  /**
   * Returns the description of one {@code @RetryOn}, located for messages as {@code where} says.
   */
  public static RetryDescription retry(RetryOn r, String where) {
    String a = where + " @RetryOn";
    List<Located<ErrorKind>> kinds = new ArrayList<>();
    for (int i = 0; i < r.value().length; i++) {
      kinds.add(at(r.value()[i], a + "(value[" + i + "])"));
    }
    return new RetryDescription(
        new ReflectiveLocation(a),
        kinds,
        at(r.maxAttempts(), a + "(maxAttempts)"),
        at(r.initialDelayMs(), a + "(initialDelayMs)"),
        at(r.maxDelayMs(), a + "(maxDelayMs)"),
        at(r.multiplier(), a + "(multiplier)"),
        at(r.maxElapsedMs(), a + "(maxElapsedMs)"),
        at(r.maxServerWaitMs(), a + "(maxServerWaitMs)"),
        at(r.jitter(), a + "(jitter)"));
  }

  /**
   * Returns the type's public {@code static final String} fields (an interface's constants) with
   * their values.
   */
  private static List<Located<String>> constants(Class<?> type) {
    List<Located<String>> all = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      int mods = field.getModifiers();
      if (field.getType() == String.class
          && Modifier.isStatic(mods)
          && Modifier.isFinal(mods)
          && Modifier.isPublic(mods)) {
        try {
          // A package-private interface's constants are public but not reachable from here without
          // this.
          field.trySetAccessible();
          Object value = field.get(null);
          if (value != null) {
            all.add(at((String) value, "constant " + field.getName()));
          }
        } catch (IllegalAccessException | RuntimeException | ExceptionInInitializerError e) {
          // Unreadable here; the annotation processor reads every constant at compile time.
        }
      }
    }
    return all;
  }

  /**
   * Returns the description of one {@code @ContextPolicy}, located for messages as {@code where}
   * says.
   */
  public static ContextDescription context(ContextPolicy c, String where) {
    String a = where + " @ContextPolicy";
    return new ContextDescription(
        new ReflectiveLocation(a),
        c.value(),
        at(c.marginTokens(), a + "(marginTokens)"),
        c.countTokens());
  }

  private static <T> Located<T> at(T value, String where) {
    return Located.of(value, new ReflectiveLocation(where));
  }
}
