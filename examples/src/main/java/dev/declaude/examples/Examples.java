package dev.declaude.examples;

import com.anthropic.client.AnthropicClient;
import dev.declaude.ClaudeClient;
import dev.declaude.error.ClaudeException;
import dev.declaude.examples.sdk.SdkSupportService;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.Message;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the example calls one after another and tells their story. Before each step {@code script}
 * may prepare the server: against the simulator it scripts the faults the step shows; against the
 * real API it does nothing.
 */
public final class Examples {
  private final ClaudeClient claude;
  private final AnthropicClient sdk;
  private final Consumer<Step> script;
  private final Narrator narrator;
  private final PrintStream out;

  Examples(
      ClaudeClient claude,
      AnthropicClient sdk,
      Consumer<Step> script,
      Narrator narrator,
      PrintStream out) {
    this.claude = claude;
    this.sdk = sdk;
    this.script = script;
    this.narrator = narrator;
    this.out = out;
  }

  /** Runs {@code steps}, in their order, and returns how each ended. */
  public List<Outcome> run(Set<Step> steps) {
    SupportChat chat = claude.create(SupportChat.class);
    Conversation memory = new Conversation();
    Conversation longChat = new Conversation(longHistory());
    List<Outcome> outcomes = new ArrayList<>();
    for (Step step : Step.values()) {
      if (!steps.contains(step)) {
        continue;
      }
      out.println();
      out.println("== " + step.title());
      script.accept(step);
      narrator.begin();
      switch (step) {
        case CHAT_FIRST:
          outcomes.add(
              call(step, () -> chat.reply(memory, say("My order #1042 has not arrived yet."))));
          break;
        case CHAT_SECOND:
          outcomes.add(call(step, () -> chat.reply(memory, say("Can you tell me when it will?"))));
          out.println("   (the conversation now holds " + memory.size() + " turns)");
          break;
        case EXTRACT:
          outcomes.add(
              call(
                  step,
                  () ->
                      claude
                          .create(OrderExtractor.class)
                          .extract(
                              say(
                                  "Hi, I'm Ada Lovelace. On 2026-11-20 I ordered 2 tins of Sencha and 1 teapot (order A-7)."))
                          .toString()));
          break;
        case STORY:
          outcomes.add(
              call(
                  step,
                  () -> {
                    String topic = say("a lighthouse keeper");
                    boolean[] started = {false};
                    String story =
                        claude
                            .create(Storyteller.class)
                            .tell(
                                topic,
                                text -> {
                                  out.print((started[0] ? "" : "   < ") + text);
                                  started[0] = true;
                                });
                    out.println();
                    return story;
                  }));
          break;
        case OVERFLOW_UNGUARDED:
          outcomes.add(
              call(step, () -> chat.replyUnguarded(longChat, say("Summarise our chat, please."))));
          break;
        case OVERFLOW_TRUNCATED:
          outcomes.add(call(step, () -> chat.reply(longChat, say("Summarise our chat, please."))));
          break;
        case SDK_ANSWER:
        case SDK_SPEND_CAP:
          outcomes.add(
              call(step, () -> new SdkSupportService(sdk).answer(say("Do you ship to Norway?"))));
          break;
        default:
          throw new IllegalStateException("no example for " + step);
      }
    }
    return outcomes;
  }

  private String say(String text) {
    out.println("   > " + text);
    return text;
  }

  private Outcome call(Step step, Supplier<String> call) {
    try {
      String result = call.get();
      Outcome o = Outcome.success(step, result, narrator.attempts());
      if (step != Step.STORY) {
        out.println("   < " + result);
      }
      out.println("   ok after " + o.attempts() + " attempt(s)");
      return o;
    } catch (ClaudeException e) {
      Outcome o = Outcome.failure(step, e);
      out.println(
          "   ! "
              + o.error()
              + " after "
              + o.attempts()
              + " attempt(s)"
              + (o.requestId() == null ? "" : ", request-id " + o.requestId())
              + ": "
              + e.getMessage());
      return o;
    }
  }

  // About 500,000 tokens: two and a half times the 200,000-token window of the chat's model.
  private static List<Message> longHistory() {
    List<Message> turns = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      turns.add(Message.user("Question " + i + ": " + "tell me about tea. ".repeat(500)));
      turns.add(Message.assistant("Answer " + i + ": " + "tea is lovely. ".repeat(650)));
    }
    return turns;
  }
}
