package dev.declaude.spring.scanned;

import dev.declaude.annotation.ClaudePrompt;

/** Found by scanning this package. */
public interface ScannedBot {
  @ClaudePrompt("Say hello to {name}.")
  String hello(String name);
}
