package dev.declaude.internal.rules;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The facts about a Java type that the rules need, read from reflection or from {@code
 * javax.lang.model} alike, so the decision about a type lives once, in the rules.
 *
 * @param name the qualified name of the erased type ({@code java.lang.String}, {@code int}); for a
 *     wildcard {@code ?}, {@code ? extends} or {@code ? super}; for a type variable its name
 * @param form what kind of type it is
 * @param publicNoArgConstructor whether a class has a public constructor without parameters
 * @param raw whether a generic class is used without its type arguments
 * @param arguments the type arguments (a wildcard's bound; an array's component)
 */
public record TypeShape(
    String name,
    Form form,
    boolean publicNoArgConstructor,
    boolean raw,
    List<TypeShape> arguments) {

  /** The kinds of type the rules tell apart. */
  public enum Form {
    PRIMITIVE,
    VOID,
    ARRAY,
    INTERFACE,
    ABSTRACT_CLASS,
    ENUM,
    RECORD,
    CLASS,
    /** A non-static member class or a local class: it needs an enclosing instance. */
    INNER_CLASS,
    TYPE_VARIABLE,
    WILDCARD,
    /** A type the compiler could not resolve; the compiler reports it, the rules stay silent. */
    ERROR
  }

  public TypeShape {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(form, "form");
    arguments = List.copyOf(arguments);
  }

  /** Returns a shape without type arguments. */
  public static TypeShape of(String name, Form form) {
    return new TypeShape(name, form, false, false, List.of());
  }

  /**
   * Returns whether this is the type named {@code qualifiedName} with exactly the given arguments.
   */
  boolean is(String qualifiedName, String... argumentNames) {
    if (!name.equals(qualifiedName) || arguments.size() != argumentNames.length) {
      return false;
    }
    for (int i = 0; i < argumentNames.length; i++) {
      if (!arguments.get(i).name.equals(argumentNames[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the type as source would spell it, with simple names: {@code CompletableFuture<Order>}.
   */
  public String display() {
    if (form == Form.ARRAY) {
      return arguments.get(0).display() + "[]";
    }
    if (form == Form.WILDCARD) {
      return arguments.isEmpty() ? name : name + " " + arguments.get(0).display();
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if (arguments.isEmpty()) {
      return simple;
    }
    return simple
        + arguments.stream().map(TypeShape::display).collect(Collectors.joining(", ", "<", ">"));
  }
}
