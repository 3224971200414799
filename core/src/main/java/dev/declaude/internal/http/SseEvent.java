package dev.declaude.internal.http;

/**
 * One dispatched server-sent event.
 *
 * @param event the {@code event:} name, {@code message} when the frame named none
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {}
