/** The rule set shared by the annotation processor and {@code create()}; not an API. */
module dev.declaude.rules {
  requires transitive dev.declaude.annotations;

  exports dev.declaude.internal.rules to
      dev.declaude.core,
      dev.declaude.processor,
      dev.declaude.testkit;
}
