package dev.switchboard.examples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The smallest valid image and sound the fixture hands out, as base64.
 *
 * <p>The PNG is the reference fixture's 1×1 image, byte for byte. The WAV is built here rather
 * than copied: the reference's 44 bytes declare a two-byte data chunk they do not contain, which
 * the suite never notices but a real decoder does. Ours carries that one silent sample.
 */
final class Media {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String WAV = Base64.getEncoder().encodeToString(silentWav(8_000, 1));

    private Media() {}

    /** A 16-bit mono PCM WAV file of {@code samples} silent samples at {@code sampleRate} Hz. */
    static byte[] silentWav(int sampleRate, int samples) {
        int dataBytes = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1)            // PCM
                .putShort((short) 1)            // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2)         // byte rate
                .putShort((short) 2)            // block align
                .putShort((short) 16);          // bits per sample
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();                       // the samples are the buffer's zeroes
    }
}
