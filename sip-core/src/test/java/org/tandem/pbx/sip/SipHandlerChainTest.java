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

    /** A handler that says a new INVITE can never be its. */
    private record NotForInvites(SipHandlerSlot slot) implements SipRequestHandler {
        @Override
        public boolean mayAcceptNewInvite(NewInvite invite) {
            return false;
        }

        @Override
        public boolean accepts(InboundRequest request) {
            return false;
        }

        @Override
        public void handle(InboundRequest request) {}
    }

    static boolean proxyServes(SipRequestHandler... handlers) {
        return new SipDispatcher(null, List.of(handlers), null, null, null)
                .proxyServesNewInvite(new NewInvite("192.0.2.1", 5060, "102", "example.test"));
    }

    /** A shortcut answers a new INVITE as the proxy only when no handler before it could take it. */
    @Test
    void aNewInviteIsTheProxysOnlyWhenEveryHandlerBeforeItSaysItCannotTakeIt() {
        assertThat(proxyServes(new NotForInvites(SipHandlerSlot.REGISTRAR), new Handler(SipHandlerSlot.PROXY)))
                .isTrue();
        // a handler that does not say (the default) keeps such INVITEs on the stack's path
        assertThat(proxyServes(
                        new NotForInvites(SipHandlerSlot.REGISTRAR),
                        new Handler(SipHandlerSlot.TRUNKS),
                        new Handler(SipHandlerSlot.PROXY)))
                .isFalse();
        // without a proxy nothing is the proxy's
        assertThat(proxyServes(new NotForInvites(SipHandlerSlot.REGISTRAR))).isFalse();
    }
}
