package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.routing.TrustedOrigin;

/** The stamps that say on whose behalf a transfer is placed (issue 22) survive the trip, and only signed. */
class TransferorTest {

    final LoopbackSignatures signatures = new LoopbackSignatures(new byte[32]);

    @Test
    void aStampReadsBackAsSentForItsCallOnly() {
        String signed =
                signatures.sign("call-1", Transferor.user("201", "tag;1=x").encode());

        assertThat(signatures.verify("call-1", signed).flatMap(Transferor::decode))
                .contains(new Transferor("201", null, "tag;1=x"));
        assertThat(signatures.verify("call-2", signed)).isEmpty();
        assertThat(signatures.verify("call-1", "ext=201;tag=a;sig=AAAAAAAAAAAAAAAAAAAAAA"))
                .isEmpty();
        assertThat(Transferor.decode(Transferor.service("ivr-main", "t").encode()))
                .contains(new Transferor(null, "ivr-main", "t"));
        assertThat(Transferor.decode(Transferor.nobody("t").encode())).contains(new Transferor(null, null, "t"));
    }

    @Test
    void anOriginSaysOnWhoseBehalfItsCallIs() {
        TrustedOrigin transferred = TrustedOrigin.decode(new TrustedOrigin("t1", null, null, "c1", "201").encode())
                .orElseThrow();
        TrustedOrigin nobody = TrustedOrigin.decode(
                        new TrustedOrigin("t1", null, null, "c1", TrustedOrigin.NOBODY).encode())
                .orElseThrow();
        TrustedOrigin did = TrustedOrigin.decode(new TrustedOrigin("t1", "4930555100", "extension:201", null).encode())
                .orElseThrow();

        assertThat(transferred.extensionOnBehalfOf()).isEqualTo("201");
        assertThat(transferred.askedForByNobody()).isFalse();
        assertThat(nobody.askedForByNobody()).isTrue();
        assertThat(nobody.extensionOnBehalfOf()).isNull();
        assertThat(did.onBehalfOf()).isNull(); // the admin's DID route: this process vouches for it
    }
}
