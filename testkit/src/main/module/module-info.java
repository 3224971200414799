/** The simulator, {@code VirtualTime} and the JUnit 5 extension, for tests of declaude services. */
module dev.declaude.testkit {
  requires transitive dev.declaude.core;
  requires dev.declaude.rules;
  requires com.fasterxml.jackson.databind;
  requires okhttp3.mockwebserver;
  requires org.slf4j;
  requires static org.junit.jupiter.api;

  exports dev.declaude.testkit;
  exports dev.declaude.testkit.server;
}
