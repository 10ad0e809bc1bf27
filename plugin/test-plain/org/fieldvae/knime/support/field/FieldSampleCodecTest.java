package org.fieldvae.knime.support.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class FieldSampleCodecTest {

    static byte[] bytes(final FieldSample s) throws IOException {
        final var buffer = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(buffer)) {
            FieldSampleCodec.write(s, out);
        }
        return buffer.toByteArray();
    }

    static FieldSample read(final byte[] b) throws IOException {
        return FieldSampleCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
    }

    @Test
    void roundTripKeepsEveryBitIncludingNaNAndSignedZero() throws IOException {
        final float[] values = new float[2 * 3 * 3];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float)Math.sin(k) * 1e30f;
        }
        values[0] = Float.NaN;
        values[1] = -0f;
        values[2] = Float.NEGATIVE_INFINITY;
        values[3] = Float.MIN_VALUE;
        values[4] = Float.intBitsToFloat(0x7fc00001); // a NaN with a payload
        final var s = new FieldSample(2, 3, values);
        final FieldSample back = read(bytes(s));
        assertEquals(s, back);
        for (int k = 0; k < values.length; k++) {
            assertEquals(Float.floatToRawIntBits(values[k]), Float.floatToRawIntBits(back.values()[k]), "bits of " + k);
        }
    }

    @Test
    void layoutIsFormatShapeThenBigEndianFloats() throws IOException {
        final byte[] b = bytes(new FieldSample(1, 2, new float[]{1f, 2f, 3f, 4f}));
        assertEquals(1 + 4 + 4 + 4 * 4, b.length);
        final ByteBuffer buf = ByteBuffer.wrap(b);
        assertEquals(FieldSampleCodec.FORMAT, buf.get());
        assertEquals(1, buf.getInt());
        assertEquals(2, buf.getInt());
        assertEquals(1f, buf.getFloat());
        buf.position(buf.position() + 8);
        assertEquals(4f, buf.getFloat());
    }

    @Test
    void damagedStreamsFailWithAMessage() throws IOException {
        final byte[] good = bytes(new FieldSample(1, 2, new float[4]));
        final byte[] unknownFormat = good.clone();
        unknownFormat[0] = 9;
        assertTrue(assertThrows(IOException.class, () -> read(unknownFormat)).getMessage().contains("format 9"));

        final byte[] hugeHeader = ByteBuffer.allocate(9).put(FieldSampleCodec.FORMAT).putInt(1 << 20)
            .putInt(1 << 20).array();
        assertTrue(assertThrows(IOException.class, () -> read(hugeHeader)).getMessage().contains("not a valid"));

        final byte[] negative = ByteBuffer.allocate(9).put(FieldSampleCodec.FORMAT).putInt(-1).putInt(4).array();
        assertThrows(IOException.class, () -> read(negative));

        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThrows(EOFException.class, () -> read(truncated));
    }
}
