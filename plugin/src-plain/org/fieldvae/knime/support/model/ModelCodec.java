package org.fieldvae.knime.support.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte layouts of a {@link ModelShape} and a {@link TrainingHistory} inside a saved KNIME workflow. Each starts
 * with a format byte so a later FieldVAE can read what this one wrote; an unknown format fails loudly.
 *
 * <ul>
 * <li>shape: format, then grid, channels, latent as ints, then the prior as modified UTF-8;</li>
 * <li>history: format, series count, epoch count, then per series its name (modified UTF-8) and its values as
 * IEEE 754 doubles.</li>
 * </ul>
 */
public final class ModelCodec {

    /** The only layout written so far, for both records. */
    public static final byte FORMAT = 1;

    /** Refuse history headers announcing more values than this: a corrupt count must not exhaust memory. */
    static final long MAX_HISTORY_VALUES = 1L << 26;

    private ModelCodec() {
    }

    /**
     * @param shape what to write; not modified
     * @param out destination; modified
     * @throws IOException if {@code out} fails
     */
    public static void writeShape(final ModelShape shape, final DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(shape.grid());
        out.writeInt(shape.channels());
        out.writeInt(shape.latent());
        out.writeUTF(shape.prior());
    }

    /**
     * @param in bytes written by {@link #writeShape}; modified
     * @return the shape
     * @throws IOException if reading fails or the bytes do not describe a valid shape
     */
    public static ModelShape readShape(final DataInput in) throws IOException {
        checkFormat(in.readByte(), "VAE model spec");
        final int grid = in.readInt();
        final int channels = in.readInt();
        final int latent = in.readInt();
        final String prior = in.readUTF();
        try {
            return new ModelShape(grid, channels, latent, prior);
        } catch (IllegalArgumentException e) {
            throw new IOException("VAE model spec is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * @param history what to write; not modified
     * @param out destination; modified
     * @throws IOException if {@code out} fails
     */
    public static void writeHistory(final TrainingHistory history, final DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(history.names().size());
        out.writeInt(history.epochs());
        for (final String name : history.names()) {
            out.writeUTF(name);
            for (final double v : history.series(name)) {
                out.writeDouble(v);
            }
        }
    }

    /**
     * @param in bytes written by {@link #writeHistory}; modified
     * @return the history
     * @throws IOException if reading fails or the bytes do not describe a valid history
     */
    public static TrainingHistory readHistory(final DataInput in) throws IOException {
        checkFormat(in.readByte(), "VAE training history");
        final int count = in.readInt();
        final int epochs = in.readInt();
        if (count < 0 || epochs < 0 || (long)count * epochs > MAX_HISTORY_VALUES) {
            throw new IOException("VAE training history header (" + count + " series, " + epochs
                + " epochs) is not valid; the model is damaged");
        }
        final List<String> names = new ArrayList<>(count);
        final double[][] series = new double[count][epochs];
        for (int k = 0; k < count; k++) {
            names.add(in.readUTF());
            for (int e = 0; e < epochs; e++) {
                series[k][e] = in.readDouble();
            }
        }
        try {
            return new TrainingHistory(names, series);
        } catch (IllegalArgumentException e) {
            throw new IOException("VAE training history is damaged: " + e.getMessage(), e);
        }
    }

    private static void checkFormat(final byte format, final String what) throws IOException {
        if (format != FORMAT) {
            throw new IOException(what + " format " + format + " is unknown (this FieldVAE reads " + FORMAT
                + "); it was written by a newer FieldVAE or is damaged");
        }
    }
}
