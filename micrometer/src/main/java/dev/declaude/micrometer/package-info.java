/**
 * Micrometer meters of a {@code ClaudeClient}: {@link dev.declaude.micrometer.DeclaudeMetrics}, a
 * listener that records calls, retries, pacing, the retry budget, rate limits and the OpenTelemetry
 * GenAI client metrics.
 */
package dev.declaude.micrometer;
