package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error response body: {@code
 * {"type":"error","error":{"type":..,"message":..},"request_id":..}}. Also the payload of an {@code
 * event: error} frame in a stream. The 413 from the API's edge lacks the outer {@code type} and
 * {@code request_id}; both may be {@code null}.
 *
 * @param type {@code error}, or {@code null}
 * @param error the error itself
 * @param requestId the request id, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
    @JsonProperty("type") String type,
    @JsonProperty("error") Error error,
    @JsonProperty("request_id") String requestId) {

  /**
   * The {@code error} object.
   *
   * @param type the error type, such as {@code rate_limit_error}; kept as it came, known or not
   * @param message the human-readable message
   * @param details optional details; {@code details.error_code} refines the type
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Error(
      @JsonProperty("type") String type,
      @JsonProperty("message") String message,
      @JsonProperty("details") Details details) {

    /** Returns {@code details.error_code}, or {@code null}. */
    public String errorCode() {
      return details == null ? null : details.errorCode();
    }
  }

  /**
   * The {@code error.details} object.
   *
   * @param errorCode a machine-readable refinement, such as {@code enforced_spend_limit_reached}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Details(@JsonProperty("error_code") String errorCode) {}
}
