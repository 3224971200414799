package dev.declaude.spring.scanned;

/** An interface without a Claude call: scanning must leave it alone. */
public interface NotAService {
  String hello(String name);
}
