package dev.declaude.spring.scanned;

import dev.declaude.spring.EnableClaudeServices;
import org.springframework.context.annotation.Configuration;

/** With nothing named, @EnableClaudeServices scans the package of the class it is on: this one. */
@Configuration(proxyBeanMethods = false)
@EnableClaudeServices
public class ScanThisPackage {}
