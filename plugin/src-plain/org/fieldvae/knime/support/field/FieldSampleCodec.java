package org.fieldvae.knime.support.field;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte layout of a {@link FieldSample} inside a KNIME table: a format byte, then {@code channels} and
 * {@code n} as big-endian ints, then the channels x n x n floats in {@code [channel][i][j]} order as IEEE 754
 * bits (so NaN payloads and signed zeros survive a round trip).
 *
 * <p>The format byte lets a later FieldVAE read tables written by this one; {@link #read} rejects any other
 * value rather than guessing.
 */
public final class FieldSampleCodec {

    /** The only layout written so far. */
    public static final byte FORMAT = 1;

    /**
     * Refuse headers announcing more than this many values (256 MiB of floats, e.g. 4 channels on a 4096 x 4096
     * grid, far beyond the paper's 64 x 64): a corrupt header must fail with a
     * message, not with an OutOfMemoryError.
     */
    static final long MAX_VALUES = 1L << 26;

    private FieldSampleCodec() {
    }

    /**
     * @param sample the field to write; not modified
     * @param out where the bytes go; modified
     * @throws IOException if {@code out} fails
     */
    public static void write(final FieldSample sample, final DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(sample.channels());
        out.writeInt(sample.grid());
        final float[] values = sample.values();
        // one bulk write: the floats as big-endian raw bits, byte for byte what writeFloat would give for
        // ordinary values, and NaN payloads are kept instead of collapsed
        final ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * values.length);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    /**
     * @param in bytes written by {@link #write}; modified (read past the sample)
     * @return the sample
     * @throws IOException if {@code in} fails or ends early, or the header is not a valid field header
     */
    public static FieldSample read(final DataInput in) throws IOException {
        final byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("field cell format " + format + " is unknown (this FieldVAE reads " + FORMAT
                + "); the table was written by a newer FieldVAE or is damaged");
        }
        final int channels = in.readInt();
        final int grid = in.readInt();
        final long count = (long)channels * grid * grid;
        if (channels < 1 || grid < FieldSample.MIN_GRID || count > MAX_VALUES) {
            throw new IOException("field cell header channels = " + channels + ", grid = " + grid
                + " is not a valid field shape (at least 1 channel, grid at least " + FieldSample.MIN_GRID
                + ", at most " + MAX_VALUES + " values); the table is damaged");
        }
        final byte[] bytes = new byte[Float.BYTES * (int)count];
        in.readFully(bytes);
        final float[] values = new float[(int)count];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return new FieldSample(channels, grid, values);
    }
}
