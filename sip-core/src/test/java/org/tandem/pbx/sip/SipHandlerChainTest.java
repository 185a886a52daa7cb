package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SipHandlerChainTest {

    private record Handler(SipHandlerSlot slot) implements SipRequestHandler {
        @Override
        public boolean accepts(InboundRequest request) {
            return true;
        }

        @Override
        public void handle(InboundRequest request) {}
    }

    @Test
    void handlersAreAskedInTheOrderOfTheirSlotsWhateverOrderSpringGivesThem() {
        List<SipRequestHandler> chain = SipDispatcher.inChainOrder(List.of(
                new Handler(SipHandlerSlot.PROXY),
                new Handler(SipHandlerSlot.REGISTRAR),
                new Handler(SipHandlerSlot.TRUNKS),
                new Handler(SipHandlerSlot.SERVER_OPTIONS)));
        assertThat(chain)
                .extracting(SipRequestHandler::slot)
                .containsExactly(
                        SipHandlerSlot.SERVER_OPTIONS,
                        SipHandlerSlot.REGISTRAR,
                        SipHandlerSlot.TRUNKS,
                        SipHandlerSlot.PROXY);
    }

    @Test
    void twoHandlersInOneSlotAreRefusedAtStart() {
        assertThatThrownBy(() -> SipDispatcher.inChainOrder(
                        List.of(new Handler(SipHandlerSlot.PROXY), new Handler(SipHandlerSlot.PROXY))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both claim slot PROXY");
    }
}
