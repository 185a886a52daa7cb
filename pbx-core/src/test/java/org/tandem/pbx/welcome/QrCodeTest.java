package org.tandem.pbx.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A softphone setup code reads back whatever its text: scanners must not meet a code their detector cannot find. */
class QrCodeTest {

    /** With the encoder's preferred mask zxing's reader finds no code in these (found among 3,000 random tokens). */
    static final String[] UNREADABLE_WITH_THE_PREFERRED_MASK = {
        "http://127.0.0.1:44020/prov/linphone/jJhvUisvG49XIrBdFRDaeM0--XW3RDAuykGC0XvGYOG",
        "http://127.0.0.1:50947/prov/linphone/ywu5JyBmyGpjYA1Tar_CbH-NuSUnhR-WnPC1AipLzeI",
    };

    @Test
    void aTextWhosePreferredMaskHidesTheCodeGetsAnotherMaskAndReadsBack() throws Exception {
        for (String text : UNREADABLE_WITH_THE_PREFERRED_MASK) {
            Map<EncodeHintType, Object> asBefore = Map.of(
                    EncodeHintType.MARGIN,
                    4,
                    EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET,
                    "UTF-8");
            assertThat(QrCode.readBack(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 480, 480, asBefore)))
                    .as("the premise: the preferred mask's code is not found")
                    .isNull();
            assertThat(decodePng(QrCode.png(text, 480))).isEqualTo(text);
        }
    }

    @Test
    void anOrdinaryTextKeepsTheEncodersChoice() throws Exception {
        String text = "http://192.0.2.10:8080/prov/linphone/abc";
        assertThat(decodePng(QrCode.png(text, 480))).isEqualTo(text);
    }

    static String decodePng(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
    }
}
