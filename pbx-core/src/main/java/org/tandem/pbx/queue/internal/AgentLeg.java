package org.tandem.pbx.queue.internal;

import java.time.Instant;
import org.tandem.media.ConferenceMixer;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.ua.PlacedCall;

/**
 * The queue's call to one phone of an agent, for the first caller in line: while it rings the line hears of its answer
 * or failure; once answered and joined to the caller, its end ends the caller's call and starts the agent's wrap-up.
 * Told on the leg's stripe; it hands over to the queue's or the caller's stripe.
 */
final class AgentLeg implements PlacedCall.Listener {

    final String agent;
    final QueueCaller caller;
    private final LiveQueue line;
    private volatile QueueCaller linked;
    private volatile ConferenceMixer bridge;
    /** when the agent answered (set and read on the queue's stripe); null while ringing */
    Instant answeredAt;

    AgentLeg(String agent, QueueCaller caller, LiveQueue line) {
        this.agent = agent;
        this.caller = caller;
        this.line = line;
    }

    /** Joined to the caller (caller's stripe). */
    void linkTo(QueueCaller caller, ConferenceMixer bridge) {
        this.bridge = bridge;
        this.linked = caller;
    }

    @Override
    public void answered(PlacedCall call) {
        line.execute(() -> line.agentAnswered(this, call));
    }

    @Override
    public void failed(PlacedCall call, int status) {
        line.execute(() -> line.agentFailed(this, call, status));
    }

    @Override
    public void ended(PlacedCall call, HangupSide side) {
        ConferenceMixer b = bridge;
        if (b != null) b.close();
        QueueCaller c = linked;
        if (c != null) c.execute(c::agentGone);
        line.execute(() -> line.agentCallEnded(this));
    }
}
