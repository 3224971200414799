package dev.declaude.internal.service;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.internal.rules.ContextDescription;
import dev.declaude.internal.rules.Located;
import dev.declaude.internal.rules.MethodDescription;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.internal.rules.ParameterDescription;
import dev.declaude.internal.rules.ParameterRole;
import dev.declaude.internal.rules.ReturnType;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.ContextTruncation;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.transport.RequestOptions;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.CountTokensRequest;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each method's invoker once, at {@code create()}: the request renderer, the retry policy,
 * the context guard and the mapping of the answer to the return type are all fixed then, so a call
 * only renders and sends.
 *
 * <p>Every call keeps the same promises: a closed client refuses it at once; a call that does not
 * return normally (any exception, a cancel, an interrupt) appends nothing to its conversation, and
 * a successful one appends exactly its user message and the answer, after the answer has been
 * mapped to the return type; an asynchronous method never throws, it returns a failed future;
 * cancelling that future cancels the call underneath (scheduled retries, the HTTP call in flight).
 */
final class Invokers {
  private static final Logger LOG = LoggerFactory.getLogger(Invokers.class);

  private final ServiceRuntime runtime;
  private final String service;
  private final String method;
  private final String where;
  private final RetryPolicy policy;
  private final RequestRenderer renderer;
  private final ContextGuard guard;
  private final ModelChoices models;

  private Invokers(
      ServiceRuntime runtime,
      String service,
      String method,
      RetryPolicy policy,
      RequestRenderer renderer,
      ContextDescription context,
      List<String> fallbackModels) {
    this.runtime = runtime;
    this.service = service;
    this.method = method;
    this.where = service + "." + method;
    this.policy = policy;
    this.renderer = renderer;
    this.guard = context == null ? null : guard(context, renderer, runtime, policy);
    this.models = new ModelChoices(where, renderer.model(), fallbackModels);
  }

  private CallMeter meter() {
    return new CallMeter(runtime, service, method, renderer.model());
  }

  /**
   * Sends {@code request} through the engine under the method's policy, counting each request on
   * {@code meter}.
   */
  private Function<MessageRequest, ClaudeResponse> sendOnce(CallMeter meter) {
    return request -> {
      ModelChoices.Call choices = models.forCall();
      return learn(
          request,
          runtime
              .engine()
              .executeWithFallbacks(
                  policy,
                  TokenCosts.reserved(request, runtime),
                  TokenCosts::spent,
                  choice -> {
                    meter.attempt();
                    return runtime
                        .transport()
                        .send(choices.on(choice, request), RequestOptions.defaults());
                  }));
    };
  }

  static MethodInvoker of(
      Class<?> service,
      Method method,
      MethodDescription description,
      ServiceRuntime runtime,
      RetryPolicy policy,
      ContextDescription context) {
    ReturnType returns = description.returnCategory();
    boolean future = returns.category() == ReturnType.Category.FUTURE;
    ReturnType answer = future ? returns.futureOf() : returns;
    Type answerType =
        future
            ? ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0]
            : method.getGenericReturnType();
    StructuredAnswers structured =
        answer.category() == ReturnType.Category.STRUCTURED
            ? new StructuredAnswers(runtime.answerMapper(), answerType)
            : null;
    RequestRenderer renderer =
        new RequestRenderer(
            description,
            method.getAnnotation(ClaudePrompt.class),
            runtime.defaultModel(),
            structured == null ? null : structured.outputConfig());
    List<String> fallbacks =
        description.prompt().fallbackModels().stream().map(Located::value).toList();
    RetryPolicy withFallbacks =
        fallbacks.isEmpty()
            ? policy
            : policy.toBuilder()
                .fallbacks(fallbacks.size(), description.prompt().fallbackAtOnce())
                .build();
    Invokers calls =
        new Invokers(
            runtime,
            service.getSimpleName(),
            method.getName(),
            withFallbacks,
            renderer,
            context,
            fallbacks);
    int callback = callbackIndex(description);
    if (callback >= 0) {
      return calls.streamingWithCallback(callback, returns.category());
    }
    Function<ClaudeResponse, Object> mapping = mapping(answer.category(), structured);
    switch (returns.category()) {
      case FUTURE:
        return args -> calls.sendAsync(args, mapping);
      case TEXT_STREAM:
        return args -> calls.open(args).asStream();
      default:
        return args -> calls.send(args, mapping);
    }
  }

  private Object send(Object[] args, Function<ClaudeResponse, Object> mapping) {
    runtime.checkOpen();
    CallMeter meter = meter();
    try {
      ContextGuard.Parts parts = renderer.renderParts(args);
      Function<MessageRequest, ClaudeResponse> once = sendOnce(meter);
      ClaudeResponse response;
      if (guard == null) {
        response = once.apply(parts.request());
      } else {
        ContextGuard.Guarded<ClaudeResponse> guarded = guard.call(parts, once);
        response = truncated(guarded.value(), guarded.truncation());
      }
      Object value = mapping.apply(response);
      record(args, parts.request(), response);
      meter.succeeded(response);
      return value;
    } catch (RuntimeException | Error e) {
      meter.failed(e);
      throw e;
    }
  }

  private CompletableFuture<Object> sendAsync(
      Object[] args, Function<ClaudeResponse, Object> mapping) {
    ServiceFuture<Object> result = new ServiceFuture<>();
    try {
      runtime.checkOpen();
      CallMeter meter = meter();
      result.whenComplete(
          (value, failure) -> {
            if (failure != null) {
              meter.failed(unwrap(failure));
            }
          });
      ContextGuard.Parts parts = renderer.renderParts(args);
      Function<MessageRequest, CompletableFuture<ClaudeResponse>> once =
          request -> {
            ModelChoices.Call choices = models.forCall();
            CompletableFuture<ClaudeResponse> call =
                runtime
                    .engine()
                    .executeAsyncWithFallbacks(
                        policy,
                        TokenCosts.reserved(request, runtime),
                        TokenCosts::spent,
                        choice -> {
                          meter.attempt();
                          return runtime
                              .transport()
                              .sendAsync(choices.on(choice, request), RequestOptions.defaults());
                        });
            result.follow(call);
            return call.thenApply(r -> learn(request, r));
          };
      CompletableFuture<ClaudeResponse> sent =
          guard == null
              ? once.apply(parts.request())
              : guard.callAsync(parts, once).thenApply(g -> truncated(g.value(), g.truncation()));
      sent.whenComplete(
          (response, failure) -> {
            if (failure != null) {
              result.fail(unwrap(failure));
              return;
            }
            try {
              Object value = mapping.apply(response);
              if (result.succeed(value, () -> record(args, parts.request(), response))) {
                meter.succeeded(response);
              }
            } catch (Throwable t) {
              result.fail(t);
            }
          });
    } catch (Throwable t) {
      // An asynchronous method never throws: whatever went wrong is the future's failure.
      result.fail(t);
    }
    return result;
  }

  private OpenedStream open(Object[] args) {
    runtime.checkOpen();
    CallMeter meter = meter();
    try {
      ContextGuard.Parts parts = renderer.renderParts(args);
      Conversation conversation = renderer.conversation(args);
      Message user = last(parts.request());
      Consumer<ClaudeResponse> onComplete =
          r -> {
            if (conversation != null) {
              conversation.addExchange(user, Message.assistant(r.message().content()));
            }
            meter.succeeded(r);
          };
      Function<MessageRequest, OpenedStream> once =
          request ->
              OpenedStream.open(runtime, policy, models.forCall(), request, meter, onComplete);
      if (guard == null) {
        return once.apply(parts.request());
      }
      ContextGuard.Guarded<OpenedStream> guarded = guard.call(parts, once);
      reportTruncation(guarded.truncation());
      return guarded.value().withTruncation(guarded.truncation());
    } catch (RuntimeException | Error e) {
      meter.failed(e);
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private MethodInvoker streamingWithCallback(int callback, ReturnType.Category returns) {
    return args -> {
      Consumer<? super String> consumer = (Consumer<? super String>) args[callback];
      if (consumer == null) {
        throw new NullPointerException(
            "the text callback is null; pass a Consumer<String> to receive the text");
      }
      ClaudeResponse response = open(args).drainTo(consumer);
      if (returns == ReturnType.Category.VOID) {
        return null;
      }
      return returns == ReturnType.Category.TEXT ? response.text() : response;
    };
  }

  private ClaudeResponse learn(MessageRequest request, ClaudeResponse response) {
    // Every answer calibrates the estimate: the context guard and the pacer's reservations use it.
    if (response.usage() != null) {
      runtime.tokenEstimates().learn(request, response.usage().inputTokens());
    }
    return response;
  }

  private ClaudeResponse truncated(ClaudeResponse response, ContextTruncation truncation) {
    reportTruncation(truncation);
    return truncation.happened() ? response.withTruncation(truncation) : response;
  }

  /** Says that turns were dropped: how many and about how many tokens, never their text. */
  private void reportTruncation(ContextTruncation truncation) {
    if (!truncation.happened()) {
      return;
    }
    LOG.info(
        "{}: dropped the {} oldest history turns (about {} tokens) to fit {}'s context window",
        where,
        truncation.droppedTurns(),
        truncation.droppedTokens(),
        renderer.model());
    runtime.listeners().contextTruncated(where, renderer.model(), truncation);
  }

  /**
   * Appends the exchange to the call's conversation, if it has one; a failed call never gets here.
   */
  private void record(Object[] args, MessageRequest request, ClaudeResponse response) {
    Conversation conversation = renderer.conversation(args);
    if (conversation != null) {
      conversation.addExchange(last(request), Message.assistant(response.message().content()));
    }
  }

  private static Message last(MessageRequest request) {
    List<Message> messages = request.messages();
    return messages.get(messages.size() - 1);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static Function<ClaudeResponse, Object> mapping(
      ReturnType.Category category, StructuredAnswers structured) {
    switch (category) {
      case TEXT:
        return ClaudeResponse::text;
      case STRUCTURED:
        return structured::read;
      default:
        return r -> r;
    }
  }

  private static int callbackIndex(MethodDescription description) {
    for (ParameterDescription p : description.parameters()) {
      if (p.role() == ParameterRole.CALLBACK) {
        return p.index();
      }
    }
    return -1;
  }

  /**
   * The guard of a method: its window from the catalogue, {@code count_tokens} under the method's
   * policy.
   */
  private static ContextGuard guard(
      ContextDescription context,
      RequestRenderer renderer,
      ServiceRuntime runtime,
      RetryPolicy policy) {
    ContextGuard.TokenCounter counter =
        new ContextGuard.TokenCounter() {
          @Override
          public long count(MessageRequest request) {
            try {
              // count_tokens is free, with requests limits of its own: not paced as Messages.
              return runtime
                  .engine()
                  .executeUnpaced(
                      policy,
                      () ->
                          runtime
                              .transport()
                              .countTokens(
                                  CountTokensRequest.of(request), RequestOptions.defaults()))
                  .inputTokens();
            } catch (ContextLengthExceededException e) {
              // Whether count_tokens refuses an oversized prompt is not documented; if it does, its
              // message counts.
              return e.inputTokens();
            }
          }

          @Override
          public CompletableFuture<Long> countAsync(MessageRequest request) {
            return runtime
                .engine()
                .executeAsyncUnpaced(
                    policy,
                    () ->
                        runtime
                            .transport()
                            .countTokensAsync(
                                CountTokensRequest.of(request), RequestOptions.defaults()))
                .handle(
                    (counted, failure) -> {
                      if (failure == null) {
                        return (long) counted.inputTokens();
                      }
                      if (unwrap(failure) instanceof ContextLengthExceededException e) {
                        return e.inputTokens();
                      }
                      throw failure instanceof CompletionException c
                          ? c
                          : new CompletionException(unwrap(failure));
                    });
          }
        };
    return new ContextGuard(
        context,
        ModelCatalogue.standard().find(renderer.model()).orElse(null),
        runtime.tokenEstimates(),
        counter);
  }
}
