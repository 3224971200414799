package dev.declaude.service;

/**
 * Marks the classes declaude generates for {@code @ClaudePrompt} interfaces. The AspectJ aspects
 * exclude them ({@code !within(GeneratedService+)}), since these classes already retry through the
 * engine: woven as well, every attempt would be retried again, multiplying attempts.
 */
public interface GeneratedService {}
