package dev.declaude.internal.rules;

/** What a service-method parameter is for. Special parameters need no placeholder. */
public enum ParameterRole {
  /** A value for a template placeholder. */
  PLACEHOLDER,
  /** A {@code Consumer<String>} receiving text deltas: makes the method streaming. */
  CALLBACK,
  /**
   * The conversation so far: {@code List<dev.declaude.wire.Message>} or {@code
   * dev.declaude.wire.Conversation}.
   */
  HISTORY;

  static final String CONVERSATION = "dev.declaude.wire.Conversation";
  static final String MESSAGE = "dev.declaude.wire.Message";

  static ParameterRole of(TypeShape t) {
    if (t.is("java.util.function.Consumer", "java.lang.String") || isConsumerOfSuperString(t)) {
      return CALLBACK;
    }
    if (t.is(CONVERSATION) || t.is("java.util.List", MESSAGE)) {
      return HISTORY;
    }
    return PLACEHOLDER;
  }

  private static boolean isConsumerOfSuperString(TypeShape t) {
    return t.name().equals("java.util.function.Consumer")
        && t.arguments().size() == 1
        && t.arguments().get(0).is("? super", "java.lang.String");
  }
}
