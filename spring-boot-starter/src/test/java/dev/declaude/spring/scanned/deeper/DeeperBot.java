package dev.declaude.spring.scanned.deeper;

import dev.declaude.annotation.ClaudePrompt;

/** Found by scanning the parent package: sub-packages are scanned too. */
public interface DeeperBot {
  @ClaudePrompt("Say goodbye to {name}.")
  String goodbye(String name);
}
