/**
 * The rate-limit domain store a fleet of processes shares, on Redis: {@link
 * dev.declaude.redis.RedisRateLimitStore}.
 */
package dev.declaude.redis;
