package dev.declaude.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void placeholdersAreListedOnceInOrderOfFirstUse() {
    PromptTemplate t = PromptTemplate.parse("{b} then {a} then {b}");

    assertEquals(List.of("b", "a"), List.copyOf(t.placeholders()));
  }

  @Test
  void doubledBracesAreLiteral() {
    PromptTemplate t = PromptTemplate.parse("JSON like {{\"id\": {id}}}");

    assertEquals("JSON like {\"id\": 42}", t.render(Map.of("id", "42")::get));
  }

  @Test
  void unclosedBraceSaysWhere() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("ab {c"));

    assertEquals("unclosed '{' at index 3", e.getMessage());
  }

  @Test
  void loneClosingBraceSaysWhere() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("a}b"));

    assertEquals("unmatched '}' at index 1", e.getMessage());
  }

  @Test
  void placeholderMustBeAnIdentifier() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("x {a b}"));

    assertEquals(
        "'{a b}' at index 2 is not a placeholder: a name must be a Java identifier",
        e.getMessage());
  }

  @Test
  void emptyBracesAreNotAPlaceholder() {
    assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("{}"));
  }

  @Test
  void identifiers() {
    assertTrue(PromptTemplate.isIdentifier("question_1"));
    assertFalse(PromptTemplate.isIdentifier("1question"));
    assertFalse(PromptTemplate.isIdentifier(""));
  }
}
