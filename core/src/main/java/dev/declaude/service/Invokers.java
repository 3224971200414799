package dev.declaude.service;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.http.RequestOptions;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.rules.MethodDescription;
import dev.declaude.rules.ModelCatalogue;
import dev.declaude.rules.ParameterDescription;
import dev.declaude.rules.ParameterRole;
import dev.declaude.rules.ReturnType;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds each method's invoker once, at {@code create()}: the request renderer, the retry policy, the
 * context guard and the mapping of the answer to the return type are all fixed then, so a call only
 * renders and sends.
 */
final class Invokers {
  private final ServiceRuntime runtime;
  private final RetryPolicy policy;
  private final RequestRenderer renderer;
  private final ContextGuard guard;
  // Built once: a lambda made per call would be an allocation on every call.
  private final Function<MessageRequest, ClaudeResponse> sendOnce;

  private Invokers(ServiceRuntime runtime, RetryPolicy policy, RequestRenderer renderer, ContextGuard guard) {
    this.runtime = runtime;
    this.policy = policy;
    this.renderer = renderer;
    this.guard = guard;
    this.sendOnce = request -> learn(request, runtime.engine().execute(policy,
        () -> runtime.transport().send(request, RequestOptions.defaults())));
  }

  static MethodInvoker of(Class<?> service, Method method, MethodDescription description, ServiceRuntime runtime) {
    ReturnType returns = description.returnCategory();
    boolean future = returns.category() == ReturnType.Category.FUTURE;
    ReturnType answer = future ? returns.futureOf() : returns;
    Type answerType = future
        ? ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0]
        : method.getGenericReturnType();
    StructuredAnswers structured = answer.category() == ReturnType.Category.STRUCTURED
        ? new StructuredAnswers(runtime.answerMapper(), answerType) : null;
    RequestRenderer renderer = new RequestRenderer(description, method.getAnnotation(ClaudePrompt.class),
        runtime.defaultModel(), structured == null ? null : structured.outputConfig());
    Invokers calls = new Invokers(runtime, RetryPolicy.resolve(service, method, runtime.defaultPolicy()), renderer,
        guard(service, method, renderer, runtime));
    int callback = callbackIndex(description);
    if (callback >= 0) {
      return calls.streamingWithCallback(callback, returns.category());
    }
    Function<ClaudeResponse, Object> mapping = mapping(answer.category(), structured);
    switch (returns.category()) {
      case FUTURE:
        return args -> calls.sendAsync(args).thenApply(mapping);
      case TEXT_STREAM:
        return args -> calls.open(args).asStream();
      default:
        return args -> mapping.apply(calls.send(args));
    }
  }

  private ClaudeResponse send(Object[] args) {
    if (guard == null) {
      MessageRequest request = renderer.render(args);
      return record(args, request, sendOnce.apply(request));
    }
    ContextGuard.Parts parts = renderer.renderParts(args);
    return record(args, parts.request(), guard.call(parts, sendOnce));
  }

  private CompletableFuture<ClaudeResponse> sendAsync(Object[] args) {
    ContextGuard.Parts parts = renderer.renderParts(args);
    Function<MessageRequest, CompletableFuture<ClaudeResponse>> once = request -> runtime.engine()
        .executeAsync(policy, () -> runtime.transport().sendAsync(request, RequestOptions.defaults()))
        .thenApply(r -> learn(request, r));
    CompletableFuture<ClaudeResponse> sent = guard == null ? once.apply(parts.request()) : guard.callAsync(parts, once);
    return sent.thenApply(r -> record(args, parts.request(), r));
  }

  private OpenedStream open(Object[] args) {
    ContextGuard.Parts parts = renderer.renderParts(args);
    Conversation conversation = renderer.conversation(args);
    Message user = last(parts.request());
    Function<MessageRequest, OpenedStream> once = request -> OpenedStream.open(runtime, policy, request,
        conversation == null ? null : r -> conversation.addExchange(user, Message.assistant(r.message().content())));
    return guard == null ? once.apply(parts.request()) : guard.call(parts, once);
  }

  @SuppressWarnings("unchecked")
  private MethodInvoker streamingWithCallback(int callback, ReturnType.Category returns) {
    return args -> {
      Consumer<? super String> consumer = (Consumer<? super String>) args[callback];
      if (consumer == null) {
        throw new NullPointerException("the text callback is null; pass a Consumer<String> to receive the text");
      }
      ClaudeResponse response = open(args).drainTo(consumer);
      if (returns == ReturnType.Category.VOID) {
        return null;
      }
      return returns == ReturnType.Category.TEXT ? response.text() : response;
    };
  }

  private ClaudeResponse learn(MessageRequest request, ClaudeResponse response) {
    if (guard != null && response.usage() != null) {
      runtime.tokenEstimates().learn(request, response.usage().inputTokens());
    }
    return response;
  }

  /** Appends the exchange to the call's conversation, if it has one; a failed call never gets here. */
  private ClaudeResponse record(Object[] args, MessageRequest request, ClaudeResponse response) {
    Conversation conversation = renderer.conversation(args);
    if (conversation != null) {
      conversation.addExchange(last(request), Message.assistant(response.message().content()));
    }
    return response;
  }

  private static Message last(MessageRequest request) {
    List<Message> messages = request.messages();
    return messages.get(messages.size() - 1);
  }

  private static Function<ClaudeResponse, Object> mapping(ReturnType.Category category, StructuredAnswers structured) {
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

  private static ContextGuard guard(Class<?> service, Method method, RequestRenderer renderer, ServiceRuntime runtime) {
    ContextPolicy policy = annotation(service, method, ContextPolicy.class);
    if (policy == null) {
      return null;
    }
    if (policy.marginTokens() < 0) {
      throw new IllegalArgumentException("@ContextPolicy on " + method.getName() + " has marginTokens "
          + policy.marginTokens() + "; it must be 0 or more");
    }
    return new ContextGuard(policy, ModelCatalogue.standard().find(renderer.model()).orElse(null),
        runtime.tokenEstimates(), runtime.transport());
  }

  // Found the way RetryPolicy.resolve finds @RetryOn: the method, the service interface, the declaring one.
  private static <A extends java.lang.annotation.Annotation> A annotation(Class<?> service, Method method, Class<A> type) {
    A found = method.getAnnotation(type);
    if (found == null) {
      found = service.getAnnotation(type);
    }
    return found != null ? found : method.getDeclaringClass().getAnnotation(type);
  }
}
