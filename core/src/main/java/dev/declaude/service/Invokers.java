package dev.declaude.service;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import dev.declaude.http.RequestOptions;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.rules.MethodDescription;
import dev.declaude.rules.ParameterDescription;
import dev.declaude.rules.ParameterRole;
import dev.declaude.rules.ReturnType;
import dev.declaude.wire.MessageRequest;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds each method's invoker once, at {@code create()}: the request renderer, the retry policy and the
 * mapping of the answer to the return type are all fixed then, so a call only renders and sends.
 */
final class Invokers {
  private Invokers() {}

  static MethodInvoker of(Class<?> service, Method method, MethodDescription description, ServiceRuntime runtime) {
    ClaudePrompt prompt = method.getAnnotation(ClaudePrompt.class);
    RetryPolicy policy = policy(service, method, runtime.defaultPolicy());
    ReturnType returns = description.returnCategory();
    Type answerType = returns.category() == ReturnType.Category.FUTURE
        ? ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0]
        : method.getGenericReturnType();
    ReturnType answer = returns.category() == ReturnType.Category.FUTURE ? returns.futureOf() : returns;
    StructuredAnswers structured = answer.category() == ReturnType.Category.STRUCTURED
        ? new StructuredAnswers(runtime.answerMapper(), answerType) : null;
    RequestRenderer renderer = new RequestRenderer(description, prompt, runtime.defaultModel(),
        structured == null ? null : structured.outputConfig());
    int callback = callbackIndex(description);
    if (callback >= 0) {
      return streamingWithCallback(runtime, policy, renderer, callback, returns.category());
    }
    Function<ClaudeResponse, Object> mapping = mapping(answer.category(), structured);
    switch (returns.category()) {
      case FUTURE:
        return args -> {
          MessageRequest request = renderer.render(args);
          return runtime.engine()
              .executeAsync(policy, () -> runtime.transport().sendAsync(request, RequestOptions.defaults()))
              .thenApply(mapping);
        };
      case TEXT_STREAM:
        return args -> OpenedStream.open(runtime, policy, renderer.render(args)).asStream();
      default:
        return args -> {
          MessageRequest request = renderer.render(args);
          return mapping.apply(runtime.engine().execute(policy,
              () -> runtime.transport().send(request, RequestOptions.defaults())));
        };
    }
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

  @SuppressWarnings("unchecked")
  private static MethodInvoker streamingWithCallback(
      ServiceRuntime runtime, RetryPolicy policy, RequestRenderer renderer, int callback, ReturnType.Category returns) {
    return args -> {
      Consumer<? super String> consumer = (Consumer<? super String>) args[callback];
      if (consumer == null) {
        throw new NullPointerException("the text callback is null; pass a Consumer<String> to receive the text");
      }
      ClaudeResponse response = OpenedStream.open(runtime, policy, renderer.render(args)).drainTo(consumer);
      if (returns == ReturnType.Category.VOID) {
        return null;
      }
      return returns == ReturnType.Category.TEXT ? response.text() : response;
    };
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
   * Returns the method's policy: its own {@code @RetryOn}, else the service interface's, else the
   * interface that declares the method, else the client's default. (Annotations on interfaces are not
   * inherited, so the service passed to {@code create()} is asked explicitly.)
   */
  static RetryPolicy policy(Class<?> service, Method method, RetryPolicy fallback) {
    RetryOn retryOn = method.getAnnotation(RetryOn.class);
    if (retryOn == null) {
      retryOn = service.getAnnotation(RetryOn.class);
    }
    if (retryOn == null) {
      retryOn = method.getDeclaringClass().getAnnotation(RetryOn.class);
    }
    return retryOn == null ? fallback : RetryPolicy.of(retryOn);
  }
}
