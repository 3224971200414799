/**
 * The declaude client: {@code ClaudeClient}, the error, response, wire and retry APIs. Only the API
 * packages are exported; {@code dev.declaude.internal.*} is exported only to declaude's own modules
 * that need a part of it.
 */
module dev.declaude.core {
  requires transitive dev.declaude.annotations;
  requires dev.declaude.rules;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires transitive okhttp3;
  requires okio;
  // OkHttp and okio are automatic modules, which cannot say that they need Kotlin's runtime: this
  // says it for them.
  requires kotlin.stdlib;
  requires net.bytebuddy;
  requires org.slf4j;

  exports dev.declaude;
  exports dev.declaude.error;
  exports dev.declaude.event;
  exports dev.declaude.ratelimit;
  exports dev.declaude.response;
  exports dev.declaude.retry;
  exports dev.declaude.service;
  exports dev.declaude.transport;
  exports dev.declaude.wire;
  exports dev.declaude.internal.retry to
      dev.declaude.aspects;
  exports dev.declaude.internal.http to
      dev.declaude.testkit;

  // Jackson reads and writes the API's records reflectively.
  opens dev.declaude.wire to
      com.fasterxml.jackson.databind;
}
