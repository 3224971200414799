/** The rate-limit domain store a fleet of processes shares, on Redis (Lettuce). */
module dev.declaude.redis {
  requires transitive dev.declaude.core;
  requires lettuce.core;
  requires org.slf4j;

  exports dev.declaude.redis;
}
