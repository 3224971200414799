package dev.declaude.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Stand-ins, compiled beside each test source, for types the rules recognise by qualified name but
 * that are not on this module's class path (yet): the full response type, the conversation, and
 * other libraries' retry annotations.
 */
final class Sources {
  private Sources() {}

  private static final String[][] STUBS = {
    {
      "dev.declaude.response.ClaudeResponse",
      "package dev.declaude.response; public final class ClaudeResponse {}"
    },
    {
      "org.springframework.retry.annotation.Retryable",
      "package org.springframework.retry.annotation;"
          + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
          + " public @interface Retryable {}"
    },
    {
      "org.springframework.resilience.annotation.Retryable",
      "package org.springframework.resilience.annotation;"
          + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
          + " public @interface Retryable {}"
    },
  };

  /** Returns {@code main} and the stand-ins for the types this class path lacks. */
  static List<JavaFileObject> withStubs(JavaFileObject main) {
    return withStubs(List.of(main));
  }

  /** Returns {@code sources} and the stand-ins for the types this class path lacks. */
  static List<JavaFileObject> withStubs(List<JavaFileObject> sources) {
    List<JavaFileObject> all = new ArrayList<>(sources);
    for (String[] stub : STUBS) {
      if (!onClassPath(stub[0])) {
        all.add(JavaFileObjects.forSourceString(stub[0], stub[1]));
      }
    }
    return all;
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, Sources.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
