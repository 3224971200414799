package dev.declaude.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} declaude sends: its name and version, the Java version and OkHttp's. */
final class UserAgent {
  static final String VALUE =
      "declaude/"
          + version()
          + " (Java "
          + System.getProperty("java.version")
          + "; okhttp/"
          + okhttp3.OkHttp.VERSION
          + ")";

  private UserAgent() {}

  static String version() {
    try (InputStream in = UserAgent.class.getResourceAsStream("/dev/declaude/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
