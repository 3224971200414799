/**
 * What a client tells the application about its calls: {@link dev.declaude.event.ClaudeListener}
 * and its events. Listeners observe; they never change a call's outcome.
 */
package dev.declaude.event;
