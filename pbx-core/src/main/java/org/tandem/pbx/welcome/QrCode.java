package org.tandem.pbx.welcome;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code (ISO/IEC 18004) of a text as a PNG, black on white with the 4-module quiet zone the standard asks for.
 *
 * <p>Every code is read back before it is used, by zxing's reader without hints (what scanner apps build on): about
 * 6 in 1,000 codes with the mask the encoder prefers (the lowest penalty, §7.8.3) were not found at all, the
 * data modules forming what the detector took for finder patterns (a portal test failed on one). Any of the eight
 * masks is valid (§7.8.2), so such a text is encoded with the first other mask whose code reads back.
 */
public final class QrCode {

    private static final int MASKS = 8;

    private QrCode() {}

    /** @param size the PNG's width and height in pixels */
    public static byte[] png(String text, int size) {
        BitMatrix m = readable(text, size);
        BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) image.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The encoder's choice if it reads back as {@code text}, else the first mask that does (else the encoder's). */
    static BitMatrix readable(String text, int size) {
        BitMatrix preferred = encode(text, size, null);
        if (text.equals(readBack(preferred))) return preferred;
        for (int mask = 0; mask < MASKS; mask++) {
            BitMatrix other = encode(text, size, mask);
            if (text.equals(readBack(other))) return other;
        }
        return preferred;
    }

    /** The text zxing's reader finds in {@code m} without hints, or null. */
    static String readBack(BitMatrix m) {
        int width = m.getWidth();
        int[] pixels = new int[width * m.getHeight()];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < width; x++) pixels[y * width + x] = m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF;
        }
        try {
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, m.getHeight(), pixels))))
                    .getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    private static BitMatrix encode(String text, int size, Integer mask) {
        Map<EncodeHintType, Object> hints = new HashMap<>(Map.of(
                EncodeHintType.MARGIN,
                4,
                EncodeHintType.ERROR_CORRECTION,
                ErrorCorrectionLevel.M,
                EncodeHintType.CHARACTER_SET,
                "UTF-8"));
        if (mask != null) hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
    }
}
