package org.fieldvae.knime.support.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelCodecTest {

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    static DataInputStream roundTrip(final Writer w) throws IOException {
        final var buffer = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(buffer)) {
            w.write(out);
        }
        return new DataInputStream(new ByteArrayInputStream(buffer.toByteArray()));
    }

    @Test
    void shapeRoundTrips() throws IOException {
        final var shape = new ModelShape(64, 3, 2, "scaled");
        assertEquals(shape, ModelCodec.readShape(roundTrip(out -> ModelCodec.writeShape(shape, out))));
    }

    @Test
    void historyRoundTripsIncludingNonFiniteValues() throws IOException {
        final var history = new TrainingHistory(List.of("loss", "beta", "rec"),
            new double[][]{{Double.NaN, 2, 1}, {1e-9, Double.MIN_VALUE, 1}, {Double.POSITIVE_INFINITY, -0.0, 3}});
        assertEquals(history, ModelCodec.readHistory(roundTrip(out -> ModelCodec.writeHistory(history, out))));
        assertEquals(TrainingHistory.empty(),
            ModelCodec.readHistory(roundTrip(out -> ModelCodec.writeHistory(TrainingHistory.empty(), out))));
    }

    @Test
    void invalidShapeBytesFailAsIoExceptions() {
        final IOException unknown = assertThrows(IOException.class,
            () -> ModelCodec.readShape(roundTrip(out -> out.writeByte(2))));
        assertTrue(unknown.getMessage().contains("format 2"));
        final IOException badPrior = assertThrows(IOException.class, () -> ModelCodec.readShape(roundTrip(out -> {
            out.writeByte(ModelCodec.FORMAT);
            out.writeInt(64);
            out.writeInt(3);
            out.writeInt(2);
            out.writeUTF("gaussian");
        })));
        assertTrue(badPrior.getMessage().contains("prior = gaussian"));
    }

    @Test
    void absurdHistoryHeaderFailsBeforeAllocating() {
        final byte[] header = ByteBuffer.allocate(9).put(ModelCodec.FORMAT).putInt(1 << 16).putInt(1 << 16).array();
        assertThrows(IOException.class,
            () -> ModelCodec.readHistory(new DataInputStream(new ByteArrayInputStream(header))));
    }
}
