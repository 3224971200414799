package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenCostTest {
  @Test
  void aCostCountsItsInputAndOutputAndTheirSumForTheCombinedLimit() {
    TokenCost cost = TokenCost.of(1_200, 4_096);

    assertEquals(1_200, cost.inputTokens());
    assertEquals(4_096, cost.outputTokens());
    assertEquals(5_296, cost.totalTokens());
    assertEquals(TokenCost.of(1_200, 4_096), cost);
    assertEquals("TokenCost{input=1200, output=4096}", cost.toString());
    assertSame(TokenCost.NONE, TokenCost.of(0, 0));
    assertTrue(TokenCost.NONE.isNone());
  }

  @Test
  void negativeCountsAndSumsBeyondALongAreRefusedWithTheirValues() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> TokenCost.of(-1, 5));
    assertEquals(
        "token counts must be >= 0 and add up to a long, were input -1 and output 5",
        negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TokenCost.of(Long.MAX_VALUE, 1));
  }
}
