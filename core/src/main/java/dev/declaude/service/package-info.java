/**
 * What the classes declaude generates for {@code @ClaudePrompt} interfaces show the outside: the
 * {@link dev.declaude.service.GeneratedService} marker, which the aspects use to leave them
 * unwoven.
 */
package dev.declaude.service;
