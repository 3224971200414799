package dev.declaude.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Registers {@code @ClaudePrompt} interfaces as beans, each implemented by the {@code ClaudeClient}
 * bean's {@code create(...)}, in the manner of Spring Framework's {@code @ImportHttpServices}.
 *
 * <pre>{@code
 * @SpringBootApplication
 * @EnableClaudeServices   // scans this class's package
 * class SupportApplication {}
 *
 * @Service
 * class Answers {
 *   Answers(SupportBot bot) { ... }   // injected by type
 * }
 * }</pre>
 *
 * <p>Scanning finds the interfaces that declare at least one {@code @ClaudePrompt} method
 * themselves; list an interface that only inherits its methods in {@link #types()}. With no
 * packages, classes or types given, the package of the annotated class is scanned. Each bean is
 * named by the interface's qualified name.
 *
 * <p>A bean is created at start-up, so a broken interface fails the start with a report of every
 * rule it breaks (a {@code ServiceDefinitionException}, which the starter's failure analyzer
 * explains).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(ClaudeServicesRegistrar.class)
public @interface EnableClaudeServices {
  /** An alias for {@link #basePackages()}. */
  @AliasFor("basePackages")
  String[] value() default {};

  /** Packages to scan for {@code @ClaudePrompt} interfaces, sub-packages included. */
  @AliasFor("value")
  String[] basePackages() default {};

  /** Classes whose packages are scanned: a type-safe {@link #basePackages()}. */
  Class<?>[] basePackageClasses() default {};

  /** Interfaces to register whether or not a scan would find them. */
  Class<?>[] types() default {};

  /**
   * The name of the {@code ClaudeClient} bean that implements them; empty for the only (or primary)
   * one.
   */
  String client() default "";
}
