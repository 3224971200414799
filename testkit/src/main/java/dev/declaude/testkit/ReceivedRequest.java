package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.declaude.internal.http.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the simulator received, as the client sent it: method, path, headers, body.
 *
 * <p>Credentials are never kept: the values of {@code x-api-key} and {@code authorization} are
 * replaced by {@value #REDACTED} (a bearer token keeps its {@code Bearer } prefix, so the auth form
 * stays visible); {@link #presentedValidKey()} tells whether the key was the accepted one.
 * Immutable and thread-safe.
 */
public final class ReceivedRequest {
  /** What stands in for a credential in {@link #headers()}. */
  public static final String REDACTED = "<redacted>";

  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final String body;
  private final JsonNode json;
  private final boolean validKey;

  ReceivedRequest(
      String method,
      String path,
      Map<String, List<String>> rawHeaders,
      String body,
      boolean validKey) {
    this.method = method;
    this.path = path;
    this.headers = Collections.unmodifiableMap(redact(rawHeaders));
    this.body = body;
    this.json = parse(body);
    this.validKey = validKey;
  }

  /** Returns the HTTP method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /** Returns the path with its query, such as {@code /v1/messages}. */
  public String path() {
    return path;
  }

  /** Returns every header, names matched case-insensitively, credentials redacted. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the first value of header {@code name} (any case), if sent. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the body as text; empty when there was none. */
  public String body() {
    return body;
  }

  /** Returns the body parsed as JSON, or a missing node when it is not JSON. */
  public JsonNode json() {
    return json;
  }

  /**
   * Returns whether the request carried the simulator's key, in {@code x-api-key} or as a bearer
   * token.
   */
  public boolean presentedValidKey() {
    return validKey;
  }

  /** Returns the requested {@code model}, if the body names one. */
  public Optional<String> model() {
    JsonNode model = json.path("model");
    return model.isTextual() ? Optional.of(model.asText()) : Optional.empty();
  }

  /** Returns the text of the last user message, or an empty string when there is none. */
  public String lastUserText() {
    String text = "";
    for (JsonNode message : json.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        text = text(message.path("content"));
      }
    }
    return text;
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        out.append(block.path("text").asText());
      }
    }
    return out.toString();
  }

  private static Map<String, List<String>> redact(Map<String, List<String>> raw) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    raw.forEach(
        (name, values) -> {
          List<String> kept = new ArrayList<>();
          for (String value : values) {
            kept.add(redact(name, value));
          }
          out.merge(
              name,
              List.copyOf(kept),
              (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
              });
        });
    return out;
  }

  private static String redact(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("x-api-key")) {
      return REDACTED;
    }
    if (lower.equals("authorization")) {
      return value.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + REDACTED : REDACTED;
    }
    return value;
  }

  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = WireJson.mapper().readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  @Override
  public String toString() {
    return "ReceivedRequest[" + method + " " + path + ", " + body.length() + " chars]";
  }
}
