/**
 * The AspectJ aspects for woven code: {@code @RetryOn} and error translation. Woven classes call
 * {@code aspectOf()} on the aspects, so their package is exported.
 */
module dev.declaude.aspects {
  requires transitive dev.declaude.core;
  requires transitive org.aspectj.runtime;
  requires org.slf4j;
  // Translates the official SDK's exceptions when the application uses it; optional.
  requires static com.anthropic.core;

  exports dev.declaude.aspects;
}
