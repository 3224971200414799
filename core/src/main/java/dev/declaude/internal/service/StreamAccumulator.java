package dev.declaude.internal.service;

import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.MessageResponse;
import dev.declaude.wire.StreamEvent;
import dev.declaude.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds the whole answer out of a stream's events, as they pass. Not thread-safe. */
final class StreamAccumulator {
  private MessageResponse start;
  private final TreeMap<Integer, ContentBlock> blocks = new TreeMap<>();
  private final TreeMap<Integer, StringBuilder> texts = new TreeMap<>();
  private final StringBuilder allText = new StringBuilder();
  private String stopReason;
  private String stopSequence;
  private Usage usage;

  /** Takes one event; returns its text if it is a text delta, else {@code null}. */
  String accept(StreamEvent event) {
    if (event instanceof StreamEvent.MessageStart s) {
      start = s.message();
      usage = s.message() == null ? null : s.message().usage();
    } else if (event instanceof StreamEvent.ContentBlockStart b) {
      blocks.put(b.index(), b.contentBlock());
    } else if (event instanceof StreamEvent.ContentBlockDelta d) {
      String text = d.text();
      if (text != null) {
        texts.computeIfAbsent(d.index(), i -> new StringBuilder()).append(text);
        allText.append(text);
      }
      return text;
    } else if (event instanceof StreamEvent.MessageDelta d) {
      stopReason = d.delta() == null ? stopReason : d.delta().stopReason();
      stopSequence = d.delta() == null ? stopSequence : d.delta().stopSequence();
      usage = merge(usage, d.usage());
    }
    return null;
  }

  /** Returns all text delivered so far. */
  String text() {
    return allText.toString();
  }

  /** Returns the answer as a non-streamed call would have. */
  ClaudeResponse response(ResponseMetadata metadata) {
    List<ContentBlock> content = new ArrayList<>();
    blocks.forEach(
        (index, block) -> {
          StringBuilder text = texts.get(index);
          content.add(
              block != null && block.isText()
                  ? ContentBlock.text(text == null ? "" : text.toString())
                  : block);
        });
    MessageResponse m =
        new MessageResponse(
            start == null ? null : start.id(),
            "message",
            "assistant",
            content,
            start == null ? null : start.model(),
            stopReason,
            stopSequence,
            usage);
    return new ClaudeResponse(m, metadata);
  }

  // message_delta's counts are cumulative and may omit input_tokens: keep what message_start said.
  private static Usage merge(Usage before, Usage delta) {
    if (delta == null) {
      return before;
    }
    if (before == null) {
      return delta;
    }
    return new Usage(
        delta.inputTokens() != null ? delta.inputTokens() : before.inputTokens(),
        delta.outputTokens() != null ? delta.outputTokens() : before.outputTokens(),
        delta.cacheCreationInputTokens() != null
            ? delta.cacheCreationInputTokens()
            : before.cacheCreationInputTokens(),
        delta.cacheReadInputTokens() != null
            ? delta.cacheReadInputTokens()
            : before.cacheReadInputTokens());
  }
}
