package dev.declaude.examples;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import java.time.LocalDate;
import java.util.List;

/**
 * Extraction into a record: Claude answers JSON that follows the record's schema, parsed for you.
 */
@RetryOn({RATE_LIMIT, SERVER})
public interface OrderExtractor {

  /** An order as a customer's email describes it. */
  record Order(String orderId, String customer, LocalDate placed, List<Line> lines) {}

  /** One line of an order. */
  record Line(String product, int quantity) {}

  /** Reads the order out of an email. */
  @ClaudePrompt(
      system = "You extract orders from customer emails.",
      value = "Extract the order from: {email}",
      model = "claude-haiku-4-5",
      maxTokens = 500)
  Order extract(String email);
}
