package dev.declaude.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed {@code @ClaudePrompt} template: literal text and <code>{name}</code> placeholders, where
 * <code>{{</code> and <code>}}</code> stand for literal braces. Immutable and thread-safe.
 */
public final class PromptTemplate {
  private final List<String>
      literals; // literal i comes before placeholder i; one more literal than names
  private final List<String> names;

  private PromptTemplate(List<String> literals, List<String> names) {
    this.literals = List.copyOf(literals);
    this.names = List.copyOf(names);
  }

  /**
   * Parses {@code template}.
   *
   * @throws IllegalArgumentException if a brace is unbalanced or a placeholder is not a Java
   *     identifier; the message says which and where
   */
  public static PromptTemplate parse(String template) {
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      boolean doubled = i + 1 < template.length() && template.charAt(i + 1) == c;
      if ((c == '{' || c == '}') && doubled) {
        text.append(c);
        i += 2;
      } else if (c == '}') {
        throw new IllegalArgumentException("unmatched '}' at index " + i);
      } else if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '{' at index " + i);
        }
        String name = template.substring(i + 1, close);
        if (!isIdentifier(name)) {
          throw new IllegalArgumentException(
              "'{"
                  + name
                  + "}' at index "
                  + i
                  + " is not a placeholder: a name must be a Java identifier");
        }
        literals.add(text.toString());
        text.setLength(0);
        names.add(name);
        i = close + 1;
      } else {
        text.append(c);
        i++;
      }
    }
    literals.add(text.toString());
    return new PromptTemplate(literals, names);
  }

  /**
   * Returns whether {@code s} is a Java identifier (and so a valid placeholder or {@code @Name}).
   */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
      return false;
    }
    return s.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
  }

  /** Returns the distinct placeholder names, in order of first use. */
  public Set<String> placeholders() {
    return new LinkedHashSet<>(names);
  }

  /**
   * Returns the literal texts around the placeholders: one more than {@link
   * #placeholderSequence()}.
   */
  public List<String> literals() {
    return literals;
  }

  /** Returns every placeholder occurrence in order, repeats included. */
  public List<String> placeholderSequence() {
    return names;
  }

  /** Returns the text with each placeholder replaced by {@code values.apply(name)}. */
  public String render(Function<String, String> values) {
    StringBuilder out = new StringBuilder(literals.get(0));
    for (int i = 0; i < names.size(); i++) {
      out.append(values.apply(names.get(i))).append(literals.get(i + 1));
    }
    return out.toString();
  }
}
