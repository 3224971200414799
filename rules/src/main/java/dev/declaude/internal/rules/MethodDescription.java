package dev.declaude.internal.rules;

import java.util.List;
import java.util.Objects;

/**
 * One method of a described type.
 *
 * @param name the method's name
 * @param kind whether it is abstract, default, static or has a body
 * @param returnType its return type
 * @param parameters its parameters, in order
 * @param prompt its {@code @ClaudePrompt}, or {@code null}
 * @param retry its own {@code @RetryOn}, or {@code null}
 * @param context its own {@code @ContextPolicy}, or {@code null}
 * @param foreignRetries other libraries' retry annotations on it, by qualified name
 * @param location the method itself
 */
public record MethodDescription(
    String name,
    Kind kind,
    TypeShape returnType,
    List<ParameterDescription> parameters,
    PromptDescription prompt,
    RetryDescription retry,
    ContextDescription context,
    List<Located<String>> foreignRetries,
    Location location) {

  /** How a method is declared. */
  public enum Kind {
    ABSTRACT,
    DEFAULT,
    STATIC,
    /**
     * A method with a body that is neither default nor static: in a class, or private in an
     * interface.
     */
    CONCRETE
  }

  public MethodDescription {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(returnType, "returnType");
    parameters = List.copyOf(parameters);
    foreignRetries = List.copyOf(foreignRetries);
    Objects.requireNonNull(location, "location");
  }

  /** Returns whether a parameter is the streaming callback. */
  public boolean isStreaming() {
    return parameters.stream().anyMatch(p -> p.role() == ParameterRole.CALLBACK);
  }

  /** Returns what the method returns, as the service factory sees it. */
  public ReturnType returnCategory() {
    return ReturnType.classify(returnType, isStreaming());
  }
}
