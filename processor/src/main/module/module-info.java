/** The annotation processor: the rule set at compile time, printing nothing but diagnostics. */
module dev.declaude.processor {
  requires dev.declaude.rules;
  requires java.compiler;

  provides javax.annotation.processing.Processor with
      dev.declaude.processor.DeclaudeProcessor;
}
