/**
 * How requests reach the API: the {@link dev.declaude.transport.Transport} SPI a client sends
 * through (an OkHttp one unless the builder is given another) and the per-call {@link
 * dev.declaude.transport.RequestOptions}.
 */
package dev.declaude.transport;
