package dev.declaude.internal.service;

import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.service.GeneratedService;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Generates, once per interface, the class that implements it: each abstract method calls its
 * dispatcher (an {@code InvocationHandler}, see {@link ServiceDispatcher}) with the method and its
 * arguments; default methods are inherited unchanged; {@code toString} names the interface; {@code
 * equals} and {@code hashCode} stay identity. Per-client state lives in the instance's dispatcher,
 * so clients share the class.
 */
final class ServiceClasses {
  private static final String FIELD = "declaude$dispatcher";

  private static final ClassValue<Constructor<?>> CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> service) {
          return generate(service);
        }
      };

  private ServiceClasses() {}

  /** Returns the abstract methods of {@code service} in the order their indices follow. */
  static List<Method> abstractMethods(Class<?> service) {
    return Arrays.stream(service.getMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers()))
        .sorted(ReflectiveServiceReader.METHOD_ORDER)
        .toList();
  }

  /**
   * Returns a new instance of the generated class of {@code service}, dispatching to {@code
   * dispatcher}.
   */
  static <T> T instantiate(Class<T> service, ServiceDispatcher dispatcher) {
    try {
      return service.cast(CONSTRUCTORS.get(service).newInstance(dispatcher));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot instantiate the implementation of " + service.getName(), e);
    }
  }

  private static Constructor<?> generate(Class<?> service) {
    DynamicType.Builder<?> builder =
        new ByteBuddy()
            .subclass(Object.class)
            .name(service.getName() + "$$DeclaudeService")
            .implement(service, GeneratedService.class)
            .modifiers(Visibility.PUBLIC)
            .defineField(
                FIELD, InvocationHandler.class, Visibility.PRIVATE, FieldManifestation.FINAL)
            .defineConstructor(Visibility.PUBLIC)
            .withParameters(InvocationHandler.class)
            .intercept(
                MethodCall.invoke(objectConstructor())
                    .andThen(FieldAccessor.ofField(FIELD).setsArgumentAt(0)))
            .method(ElementMatchers.isToString())
            .intercept(FixedValue.value(service.getSimpleName() + "[declaude service]"));
    builder =
        builder
            .method(ElementMatchers.isAbstract())
            .intercept(InvocationHandlerAdapter.toField(FIELD));
    try (DynamicType.Unloaded<?> unloaded = builder.make()) {
      Class<?> type = unloaded.load(service.getClassLoader(), loadingStrategy(service)).getLoaded();
      return type.getConstructor(InvocationHandler.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "cannot generate the implementation of " + service.getName(), e);
    }
  }

  // Defining into the interface's own package and loader lets package-private interfaces work too.
  // On the module
  // path that needs the service's package open to declaude; else a class loader of its own
  // (WRAPPER) serves.
  private static ClassLoadingStrategy<ClassLoader> loadingStrategy(Class<?> service) {
    ServiceClasses.class.getModule().addReads(service.getModule());
    try {
      return ClassLoadingStrategy.UsingLookup.of(
          MethodHandles.privateLookupIn(service, MethodHandles.lookup()));
    } catch (IllegalAccessException e) {
      return ClassLoadingStrategy.Default.WRAPPER;
    }
  }

  private static Constructor<Object> objectConstructor() {
    try {
      return Object.class.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
