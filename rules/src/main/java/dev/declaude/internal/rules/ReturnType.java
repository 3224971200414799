package dev.declaude.internal.rules;

/**
 * What a service method returns, as the service factory handles it.
 *
 * @param category the category
 * @param futureOf for {@link Category#FUTURE}, what the future completes with; else {@code null}
 * @param reason for {@link Category#UNSUPPORTED}, why; else {@code null}
 */
public record ReturnType(Category category, ReturnType futureOf, String reason) {

  /** The return types a service method may have. */
  public enum Category {
    /** {@code String}: the text of the reply. */
    TEXT,
    /** {@code dev.declaude.response.ClaudeResponse}: the full response. */
    RESPONSE,
    /** A record or a class Jackson can create, parsed from JSON output. */
    STRUCTURED,
    /** {@code CompletableFuture<T>} of text, response or structured. */
    FUTURE,
    /** {@code java.util.stream.Stream<String>}: the text deltas. */
    TEXT_STREAM,
    /** {@code void}: only with a streaming callback parameter. */
    VOID,
    /** A type the service factory cannot produce. */
    UNSUPPORTED,
    /** A type the compiler could not resolve; it reports that itself. */
    UNKNOWN
  }

  /** The qualified name of the full response type. */
  public static final String RESPONSE_TYPE = "dev.declaude.response.ClaudeResponse";

  static final String SUPPORTED =
      "String, ClaudeResponse, a record or a class with a public no-argument constructor,"
          + " CompletableFuture of one of these, Stream<String>;"
          + " with a Consumer<String> callback parameter: void, String or ClaudeResponse";

  private static ReturnType of(Category c) {
    return new ReturnType(c, null, null);
  }

  private static ReturnType unsupported(String reason) {
    return new ReturnType(Category.UNSUPPORTED, null, reason);
  }

  /** Classifies {@code t} as the return type of a method that is {@code streaming} or not. */
  static ReturnType classify(TypeShape t, boolean streaming) {
    ReturnType plain = classify(t);
    if (!streaming || plain.category == Category.UNKNOWN) {
      return plain.category == Category.VOID
          ? unsupported("void needs a Consumer<String> callback parameter to receive the text")
          : plain;
    }
    Category c = plain.category;
    if (c == Category.VOID || c == Category.TEXT || c == Category.RESPONSE) {
      return plain;
    }
    return unsupported(
        "a streaming method (with a Consumer<String> callback) returns void, String or ClaudeResponse");
  }

  private static ReturnType classify(TypeShape t) {
    switch (t.form()) {
      case ERROR:
        return of(Category.UNKNOWN);
      case VOID:
        return of(Category.VOID);
      case PRIMITIVE:
        return unsupported(t.name() + " is a primitive");
      case ARRAY:
        return unsupported("arrays are not supported; use a record with a list component");
      case TYPE_VARIABLE:
      case WILDCARD:
        return unsupported(t.display() + " is not a concrete type");
      default:
        break;
    }
    if (t.is("java.lang.String")) {
      return of(Category.TEXT);
    }
    if (t.is(RESPONSE_TYPE)) {
      return of(Category.RESPONSE);
    }
    if (t.is("java.util.stream.Stream", "java.lang.String")) {
      return of(Category.TEXT_STREAM);
    }
    if (t.name().equals("java.util.concurrent.CompletableFuture")) {
      return future(t);
    }
    return structured(t);
  }

  private static ReturnType future(TypeShape t) {
    if (t.arguments().size() != 1) {
      return unsupported("a raw CompletableFuture does not say what it completes with");
    }
    ReturnType inner = classify(t.arguments().get(0));
    Category c = inner.category;
    if (c == Category.UNKNOWN) {
      return inner;
    }
    if (c == Category.TEXT || c == Category.RESPONSE || c == Category.STRUCTURED) {
      return new ReturnType(Category.FUTURE, inner, null);
    }
    return unsupported(
        "a CompletableFuture must complete with String, ClaudeResponse or a structured type");
  }

  private static ReturnType structured(TypeShape t) {
    switch (t.form()) {
      case RECORD:
        return t.raw()
            ? unsupported(t.display() + " is a raw generic type")
            : of(Category.STRUCTURED);
      case CLASS:
        if (t.raw()) {
          return unsupported(t.display() + " is a raw generic type");
        }
        return t.publicNoArgConstructor()
            ? of(Category.STRUCTURED)
            : unsupported(t.display() + " has no public no-argument constructor");
      case INNER_CLASS:
        return unsupported(t.display() + " is an inner class; make it static or a record");
      case INTERFACE:
        return unsupported(t.display() + " is an interface");
      case ABSTRACT_CLASS:
        return unsupported(t.display() + " is abstract");
      case ENUM:
        return unsupported(t.display() + " is an enum");
      default:
        return unsupported(t.display() + " is not supported");
    }
  }
}
