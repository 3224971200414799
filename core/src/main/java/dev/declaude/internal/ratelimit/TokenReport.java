package dev.declaude.internal.ratelimit;

/**
 * What one response taught about the token buckets, for {@link TokenBuckets#afterReport}: the
 * families it reported, and what its request had reserved.
 *
 * @param input the input-tokens family, or null
 * @param output the output-tokens family, or null
 * @param total the combined tokens family, or null (also when it is the input or output limit)
 * @param reservedInput the input tokens the request reserved
 * @param reservedOutput the output tokens the request reserved
 * @param backInput the input tokens that come back: reserved and not spent, or all when refused
 * @param backOutput the output tokens that come back
 * @param marks each bucket's level right after the request's reservation, NaN where it took none
 * @param sinceMark how long before the report the reservation was made, in ms
 * @param refused whether the server refused the request (429)
 * @param inFlightInput the input tokens of this process's other requests still unanswered
 * @param inFlightOutput the output tokens of those requests
 * @param overlapInput the input tokens of this process's other requests in flight at any moment
 *     between the reservation and the report, answered since or not: the server may have counted
 *     each on either side of this one
 * @param overlapOutput the output tokens of those requests
 */
public record TokenReport(
    Family input,
    Family output,
    Family total,
    long reservedInput,
    long reservedOutput,
    long backInput,
    long backOutput,
    double[] marks,
    long sinceMark,
    boolean refused,
    long inFlightInput,
    long inFlightOutput,
    long overlapInput,
    long overlapOutput) {

  /**
   * One family of headers.
   *
   * @param limit the limit per minute, above 0
   * @param remaining the reported remaining, rounded to the nearest thousand
   * @param untilFull how long after the report the bucket is full again, in ms, or null
   */
  public record Family(long limit, long remaining, Long untilFull) {}

  /** Returns the family of bucket {@code k}, or null. */
  Family family(TokenBuckets.Kind k) {
    switch (k) {
      case INPUT:
        return input;
      case OUTPUT:
        return output;
      default:
        return total;
    }
  }

  /** Returns bucket {@code k}'s mark, NaN if none. */
  double mark(TokenBuckets.Kind k) {
    return marks == null ? Double.NaN : marks[k.ordinal()];
  }
}
