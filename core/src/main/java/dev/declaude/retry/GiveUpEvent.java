package dev.declaude.retry;

import dev.declaude.error.ClaudeException;

/**
 * The end of a call that failed with a {@link ClaudeException}.
 *
 * @param attempts how many attempts the call made
 * @param reason why it stopped
 * @param failure the exception thrown to the caller: the last failure, earlier ones suppressed in
 *     it
 */
public record GiveUpEvent(int attempts, GiveUpReason reason, ClaudeException failure) {}
