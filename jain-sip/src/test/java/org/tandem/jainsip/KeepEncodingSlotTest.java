package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.stack.KeepEncodingSlot;
import org.junit.jupiter.api.Test;

/**
 * Patch 0010 (patches/0010-server-transaction-response-encoded-once.patch): the thread-local slot a transaction opens
 * around each send is closed without dropping the thread's entry, so opening it again makes no new entry (a
 * WeakReference the collector would have to process) and closing it clears no reference natively
 * ({@link ResponseEncodedOnceTest} checks what the slot records while open, and that a send closes it).
 *
 * <p>With {@code ThreadLocal.remove()} as the close, each open and close allocated a map entry (~32 bytes).
 */
class KeepEncodingSlotTest {

    @Test
    void openingAndClosingTheSlotAllocatesNothing() throws Exception {
        assertThat(HeaderParserLookupTest.bytesPerCall(KeepEncodingSlot::openAndClose))
                .isLessThanOrEqualTo(8);
    }
}
