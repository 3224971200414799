package dev.declaude.redis;

/**
 * The Lua scripts that read and change a domain's state atomically in Redis. A state is one hash:
 * {@code s} its text, {@code v} its version, which every change raises by one. Time is the server's
 * ({@code TIME}), in milliseconds, so every process of the fleet reads the same clock.
 */
final class Scripts {
  private Scripts() {}

  private static final String NOW =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

  /** Reads a state: returns {now, text or nil, version or nil}. */
  static final String READ =
      NOW + "local r = redis.call('HMGET', KEYS[1], 's', 'v')\n" + "return {now, r[1], r[2]}\n";

  /**
   * Replaces a state if its version is still ARGV[1] ("0" for none), with text ARGV[2], expiring
   * ARGV[3] ms later: returns {1}; else changes nothing and returns {0, now, text or nil, version
   * or nil}.
   */
  static final String COMPARE_AND_SET =
      "local v = redis.call('HGET', KEYS[1], 'v')\n"
          + "if (v or '0') ~= ARGV[1] then\n"
          + NOW
          + "  return {0, now, redis.call('HGET', KEYS[1], 's'), v}\n"
          + "end\n"
          + "redis.call('HSET', KEYS[1], 's', ARGV[2], 'v', tostring((tonumber(v) or 0) + 1))\n"
          + "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
          + "return {1}\n";
}
