package org.tandem.pbx.quality;

import java.time.Instant;

/**
 * One voice quality report a phone sent about a call (RFC 6035 §4.7): its local metrics, the stream it received.
 * A figure the report left out (or marked unavailable) is null.
 *
 * @param reporter       the local user whose phone sent it
 * @param type           SESSION (at the end of the call), INTERVAL or ALERT
 * @param lossPercent    PacketLoss NLR: network packet loss rate
 * @param discardPercent PacketLoss JDR: packets the jitter buffer discarded
 * @param jitterMillis   Delay IAJ: interarrival jitter (RFC 3550)
 * @param roundTripMillis Delay RTD: round-trip delay
 * @param mosLq          QualityEst MOSLQ: listening quality
 * @param mosCq          QualityEst MOSCQ: conversational quality
 */
public record QualityReport(
        String callId,
        String reporter,
        Instant reportedAt,
        String type,
        String codec,
        Double lossPercent,
        Double discardPercent,
        Integer jitterMillis,
        Integer roundTripMillis,
        Double mosLq,
        Double mosCq) {}
