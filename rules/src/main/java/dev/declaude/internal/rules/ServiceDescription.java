package dev.declaude.internal.rules;

import java.util.List;
import java.util.Objects;

/**
 * A neutral description of a type that declares Claude calls or retry settings, built from
 * reflection ({@link ReflectiveServiceReader}) or from {@code javax.lang.model} (the processor),
 * checked by {@link RuleSet}.
 *
 * @param typeName the qualified name of the type
 * @param isInterface whether it is an interface
 * @param retry the type's own {@code @RetryOn}, or {@code null}
 * @param context the type's own {@code @ContextPolicy}, or {@code null}
 * @param methods its methods
 * @param constants the values of its {@code String} constant fields, each where it is declared
 * @param location the type itself
 */
public record ServiceDescription(
    String typeName,
    boolean isInterface,
    RetryDescription retry,
    ContextDescription context,
    List<MethodDescription> methods,
    List<Located<String>> constants,
    Location location) {

  public ServiceDescription {
    Objects.requireNonNull(typeName, "typeName");
    methods = List.copyOf(methods);
    constants = List.copyOf(constants);
    Objects.requireNonNull(location, "location");
  }

  /** Returns the simple name of the type. */
  public String simpleName() {
    return typeName.substring(typeName.lastIndexOf('.') + 1);
  }
}
