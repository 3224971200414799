/**
 * declaude's annotations and the enums they use: no dependencies, so an API module may depend on it
 * alone.
 */
module dev.declaude.annotations {
  exports dev.declaude.annotation;
}
