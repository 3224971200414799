package dev.declaude.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A domain is named by a keyed hash of the key, the same in every process, never by the key. */
class RateLimitDomainTest {
  private static final String KEY = "sk-ant-api03-SECRETSECRETSECRET";

  @Test
  void aDerivedIdIsTheHostAndSixteenHexDigitsOfAKeyedHash() {
    RateLimitDomain domain = RateLimitDomain.of("https://api.anthropic.com", KEY);

    assertTrue(domain.id().matches("api\\.anthropic\\.com/[0-9a-f]{16}"), domain.id());
    assertEquals(domain, RateLimitDomain.of("https://API.anthropic.com:443/v1/", KEY));
    assertFalse(domain.toString().contains("SECRET"), domain.toString());
    assertEquals("RateLimitDomain[" + domain.id() + "]", domain.toString());
  }

  @Test
  void keysAndPortsMakeDifferentDomains() {
    assertNotEquals(
        RateLimitDomain.of("http://localhost:8080", KEY),
        RateLimitDomain.of("http://localhost:8080", KEY + "x"));
    assertEquals(
        "localhost:8080", RateLimitDomain.of("http://localhost:8080", KEY).id().split("/")[0]);
    assertEquals("localhost", RateLimitDomain.of("http://localhost", KEY).id().split("/")[0]);
  }

  @Test
  void aNamedDomainIsItsName() {
    assertEquals("acme-prod", RateLimitDomain.named("acme-prod").id());
    assertEquals(
        "a rate-limit domain name must be 1 to 64 letters, digits, '.', '_' or '-', such as \"acme-prod\";"
            + " was \"acme/prod\"",
        assertThrows(IllegalArgumentException.class, () -> RateLimitDomain.named("acme/prod"))
            .getMessage());
  }

  @Test
  void unsharedDomainsAreAllDifferent() {
    assertNotEquals(RateLimitDomain.unshared(), RateLimitDomain.unshared());
  }
}
