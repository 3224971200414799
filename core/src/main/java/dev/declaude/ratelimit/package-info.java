/**
 * Rate-limit domains and where their state lives. The API's rate limits belong to an organisation,
 * not to a client or a JVM, so pacing, the retry budget and outage recovery keep their state in a
 * {@link dev.declaude.ratelimit.RateLimitDomain}: by default one per base URL and API key in a
 * process, named by a keyed hash of the key. The state lives in a {@link
 * dev.declaude.ratelimit.RateLimitStore}: in this process by default, or shared by a fleet of
 * processes (the {@code declaude-redis} module).
 *
 * <p>Uses only {@code java.*}: stores see opaque states and never the API key.
 */
package dev.declaude.ratelimit;
