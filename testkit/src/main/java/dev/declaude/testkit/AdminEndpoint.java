package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;

/**
 * The simulator's admin endpoint: JSON over HTTP under {@value #PREFIX}, a path the real API never
 * uses, so programs in any language can script a running simulator as Java tests do through {@link
 * ClaudeSimulator}. Its requests need no key and are neither counted, recorded nor put on the
 * timeline. A wrong path, method or body gets 400 with the API's error shape and a message saying
 * what was wrong.
 *
 * <pre>
 * GET  /_simulator/health          {"status":"ok"}
 * POST /_simulator/faults          a fault object, or an array of them (see FaultJson), queued in order
 * POST /_simulator/replies         {"text":"Paris."}, or an array of them, queued in order
 * POST /_simulator/outage          {"durationMs":30000,"fault":{...},"model":"..."}   (model optional)
 * POST /_simulator/fault-rates     {"probability":0.2,"fault":{...}}
 * POST /_simulator/reset           no body
 * GET  /_simulator/requests        {"count":N,"requests":[{"method","path","headers","body","presentedValidKey"}]}
 * GET  /_simulator/requests/count  {"count":N}
 * GET  /_simulator/timeline        {"entries":[{"at":"2026-11-24T10:00:00Z","status":200}]}
 * </pre>
 */
final class AdminEndpoint {
  static final String PREFIX = "/_simulator";
  private static final List<String> ROUTES =
      List.of(
          "GET /_simulator/health",
          "POST /_simulator/faults",
          "POST /_simulator/replies",
          "POST /_simulator/outage",
          "POST /_simulator/fault-rates",
          "POST /_simulator/reset",
          "GET /_simulator/requests",
          "GET /_simulator/requests/count",
          "GET /_simulator/timeline");

  private final ClaudeSimulator sim;

  AdminEndpoint(ClaudeSimulator sim) {
    this.sim = sim;
  }

  /** Returns whether {@code path} (query included) is one of the admin endpoint's. */
  static boolean handles(String path) {
    String bare = bare(path);
    return bare.equals(PREFIX) || bare.startsWith(PREFIX + "/");
  }

  /** Answers one admin request. */
  MockResponse handle(String method, String path, String body) {
    try {
      return json(200, route(method, bare(path), body));
    } catch (Rejection rejected) {
      return json(400, ErrorBodies.json(rejected.error(), null));
    }
  }

  private String route(String method, String path, String body) {
    String route = method + " " + path;
    if (!ROUTES.contains(route)) {
      String other = ("GET".equals(method) ? "POST " : "GET ") + path;
      throw Rejection.invalid(
          ROUTES.contains(other)
              ? "use " + other.substring(0, other.indexOf(' ')) + " for " + path + ", not " + method
              : "unknown admin route " + route + "; the routes are: " + String.join(", ", ROUTES));
    }
    switch (path) {
      case PREFIX + "/faults":
        sim.enqueue(faults(AdminJson.parse(body)).toArray(new Fault[0]));
        return ok();
      case PREFIX + "/replies":
        replies(AdminJson.parse(body)).forEach(sim::enqueueReply);
        return ok();
      case PREFIX + "/outage":
        outage(AdminJson.parse(body));
        return ok();
      case PREFIX + "/fault-rates":
        faultRate(AdminJson.parse(body));
        return ok();
      case PREFIX + "/reset":
        sim.reset();
        return ok();
      case PREFIX + "/requests":
        return requests();
      case PREFIX + "/requests/count":
        return ErrorBodies.write(
            WireJson.mapper().createObjectNode().put("count", sim.requestCount()));
      case PREFIX + "/timeline":
        return timeline();
      case PREFIX + "/health":
        return ok();
      default:
        throw new IllegalStateException("route listed but not handled: " + route);
    }
  }

  private static List<Fault> faults(JsonNode body) {
    List<Fault> faults = new ArrayList<>();
    if (body.isArray()) {
      for (int i = 0; i < body.size(); i++) {
        faults.add(FaultJson.parse(body.get(i), "fault " + (i + 1)));
      }
    } else if (body.isMissingNode()) {
      throw Rejection.invalid(
          "POST /_simulator/faults needs a body: a fault object or an array of them");
    } else {
      faults.add(FaultJson.parse(body, "the fault"));
    }
    return faults;
  }

  private static List<String> replies(JsonNode body) {
    List<String> texts = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(nodes::add);
    } else {
      nodes.add(body);
    }
    for (int i = 0; i < nodes.size(); i++) {
      String where = body.isArray() ? "reply " + (i + 1) : "the reply";
      AdminJson.checkObject(nodes.get(i), where, Set.of("text"));
      texts.add(AdminJson.text(nodes.get(i), "text", where));
    }
    return texts;
  }

  private void outage(JsonNode body) {
    AdminJson.checkObject(body, "the outage", Set.of("durationMs", "fault", "model"));
    long millis = AdminJson.longInteger(body, "durationMs", "the outage");
    Fault fault = FaultJson.parse(body.path("fault"), "the outage's fault");
    String model = body.has("model") ? AdminJson.text(body, "model", "the outage") : null;
    try {
      if (model == null) {
        sim.outage(Duration.ofMillis(millis), fault);
      } else {
        sim.outage(model, Duration.ofMillis(millis), fault);
      }
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid("the outage: " + e.getMessage());
    }
  }

  private void faultRate(JsonNode body) {
    AdminJson.checkObject(body, "the fault rate", Set.of("probability", "fault"));
    double probability = AdminJson.number(body, "probability", "the fault rate");
    Fault fault = FaultJson.parse(body.path("fault"), "the fault rate's fault");
    try {
      sim.faultRate(probability, fault);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalid("the fault rate: " + e.getMessage());
    }
  }

  private String requests() {
    ObjectNode root = WireJson.mapper().createObjectNode().put("count", sim.requestCount());
    ArrayNode list = root.putArray("requests");
    for (ReceivedRequest request : sim.requests()) {
      ObjectNode node =
          list.addObject().put("method", request.method()).put("path", request.path());
      ObjectNode headers = node.putObject("headers");
      for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
        ArrayNode values = headers.putArray(header.getKey());
        header.getValue().forEach(values::add);
      }
      node.put("body", request.body()).put("presentedValidKey", request.presentedValidKey());
    }
    return ErrorBodies.write(root);
  }

  private String timeline() {
    ObjectNode root = WireJson.mapper().createObjectNode();
    ArrayNode entries = root.putArray("entries");
    for (TimelineEntry entry : sim.timeline()) {
      entries.addObject().put("at", entry.at().toString()).put("status", entry.status());
    }
    return ErrorBodies.write(root);
  }

  private static String ok() {
    return "{\"status\":\"ok\"}";
  }

  private static String bare(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }
}
