package dev.declaude.testkit;

/**
 * The simulated model's answer to one request, after {@code max_tokens} and stop sequences were
 * applied.
 *
 * @param text the text of the single text block (may be empty)
 * @param stopReason {@code end_turn}, {@code max_tokens}, {@code stop_sequence} or {@code
 *     model_context_window_exceeded}
 * @param stopSequence the stop sequence matched, or {@code null}
 * @param inputTokens the request's input tokens by {@link TokenEstimator}
 * @param outputTokens the tokens of {@code text} by {@link TokenEstimator}
 */
record Reply(
    String text, String stopReason, String stopSequence, int inputTokens, int outputTokens) {}
