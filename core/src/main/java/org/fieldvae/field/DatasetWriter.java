package org.fieldvae.field;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fieldvae.Check;
import org.fieldvae.Provenance;
import org.fieldvae.field.hdf5.Hdf5Writer;

/**
 * Writes a dataset file in the paper's layout (docs/paper-facts.md, "Data"; see {@link DatasetShape}) chunk by chunk, so memory
 * is bounded by the chunk, not the dataset. Root attributes: {@link Provenance#current()} then the
 * caller's map (settings, seed, input files; the caller's keys win). {@code labelled} is uint8 0/1.
 * Atomic like {@link Hdf5Writer}: the target appears only at {@link #commit()}.
 * <pre>{@code
 * try (DatasetWriter w = DatasetWriter.create(path, shape, settings, overwrite)) {
 *     for (...) w.append(thetaChunk, permeabilityChunk, outputChunk);
 *     w.commit();
 * }
 * }</pre>
 */
public final class DatasetWriter implements AutoCloseable {
    private final DatasetShape shape;
    private final Hdf5Writer file;
    private final Hdf5Writer.Dataset theta;
    private final Hdf5Writer.Dataset permeability;
    private final Hdf5Writer.Dataset output;
    private final Hdf5Writer.Dataset labelled;
    private int written;

    private DatasetWriter(DatasetShape shape, Hdf5Writer file) {
        this.shape = shape;
        this.file = file;
        int n = shape.grid();
        long samples = shape.samples();
        Hdf5Writer.Type type = shape.precision().type();
        theta = shape.parameters() > 0 ? file.dataset(DatasetShape.THETA, type, samples, shape.parameters()) : null;
        permeability = shape.permeability() ? file.dataset(DatasetShape.PERMEABILITY, type, samples, 1, n, n) : null;
        output = shape.output() ? file.dataset(DatasetShape.OUTPUT, type, samples, 3, n, n) : null;
        labelled = shape.labelled() ? file.dataset(DatasetShape.LABELLED, Hdf5Writer.Type.UINT8, samples) : null;
    }

    /**
     * Starts writing {@code target}.
     *
     * @param attributes root attributes to record besides the provenance, not modified
     * @throws org.fieldvae.InvalidInputException if the directory is missing or the target exists and
     *         {@code overwrite} is false
     */
    public static DatasetWriter create(Path target, DatasetShape shape, Map<String, String> attributes, boolean overwrite) {
        Hdf5Writer file = Hdf5Writer.create(target, overwrite);
        try {
            Map<String, String> all = new LinkedHashMap<>(Provenance.current().asMap());
            all.putAll(attributes);
            all.forEach(file::attribute);
            return new DatasetWriter(shape, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public DatasetShape shape() {
        return shape;
    }

    /** Number of samples appended so far. */
    public int written() {
        return written;
    }

    /**
     * Appends the next samples. Each argument is null exactly when the shape has no such dataset; the
     * present ones must hold the same number of samples, finite values and the shape's extents.
     *
     * @param theta generative parameters [sample][parameter], not modified
     * @param permeability [sample][0][i][j], not modified
     * @param output [sample][channel 0..2][i][j], not modified
     */
    public void append(double[][] theta, float[][][][] permeability, float[][][][] output) {
        int chunk = chunkSize(theta, permeability, output);
        Check.that(written + chunk <= shape.samples(), "append",
                "would write " + (written + chunk) + " samples, more than the " + shape.samples() + " declared");
        // everything is checked and flattened before anything is written, so a rejected chunk leaves no trace
        double[] thetaFlat = this.theta == null ? null : flattenTheta(theta, chunk);
        float[] permeabilityFlat = flattenFields(this.permeability, "permeability", permeability, 1);
        float[] outputFlat = flattenFields(this.output, "output", output, 3);
        int n = shape.grid();
        if (thetaFlat != null) {
            this.theta.write((long) written * shape.parameters(), thetaFlat, 0, thetaFlat.length);
        }
        if (permeabilityFlat != null) {
            this.permeability.write((long) written * n * n, permeabilityFlat, 0, permeabilityFlat.length);
        }
        if (outputFlat != null) {
            this.output.write((long) written * 3 * n * n, outputFlat, 0, outputFlat.length);
        }
        written += chunk;
    }

    private double[] flattenTheta(double[][] theta, int chunk) {
        double[] flat = new double[chunk * shape.parameters()];
        for (int s = 0; s < chunk; s++) {
            if (theta[s].length != shape.parameters()) {
                throw new IllegalArgumentException("theta[" + s + "]: must have " + shape.parameters()
                        + " parameters, has " + theta[s].length);
            }
            for (int k = 0; k < theta[s].length; k++) {
                if (!Double.isFinite(theta[s][k])) {
                    throw new IllegalArgumentException("theta[" + s + "][" + k + "] = " + theta[s][k] + ": must be finite");
                }
            }
            System.arraycopy(theta[s], 0, flat, s * shape.parameters(), shape.parameters());
        }
        return flat;
    }

    private int chunkSize(double[][] theta, float[][][][] permeability, float[][][][] output) {
        presence("theta", theta, this.theta);
        presence("permeability", permeability, this.permeability);
        presence("output", output, this.output);
        int chunk = theta != null ? theta.length : permeability != null ? permeability.length : output.length;
        Check.that((theta == null || theta.length == chunk) && (permeability == null || permeability.length == chunk)
                && (output == null || output.length == chunk), "append", "theta, permeability and output must hold "
                + "the same number of samples");
        return chunk;
    }

    private static void presence(String name, Object value, Hdf5Writer.Dataset dataset) {
        Check.that((value == null) == (dataset == null), name,
                dataset == null ? "must be null: the dataset shape has none" : "must not be null: the dataset shape has it");
    }

    private float[] flattenFields(Hdf5Writer.Dataset dataset, String name, float[][][][] fields, int channels) {
        if (dataset == null) {
            return null;
        }
        int n = shape.grid();
        int perSample = channels * n * n;
        float[] flat = new float[fields.length * perSample];
        int at = 0;
        for (int s = 0; s < fields.length; s++) {
            if (fields[s].length != channels) {
                throw new IllegalArgumentException(name + "[" + s + "]: must have " + channels + " channel(s), has "
                        + fields[s].length);
            }
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    float[] row = i < fields[s][c].length ? fields[s][c][i] : null;
                    if (fields[s][c].length != n || row.length != n) {
                        throw new IllegalArgumentException(name + "[" + s + "][" + c + "]: must be " + n + " x " + n);
                    }
                    for (int j = 0; j < n; j++) {
                        if (!Float.isFinite(row[j])) {
                            throw new IllegalArgumentException(name + "[" + s + "][" + c + "][" + i + "][" + j + "] = "
                                    + row[j] + ": must be finite");
                        }
                    }
                    System.arraycopy(row, 0, flat, at, n);
                    at += n;
                }
            }
        }
        return flat;
    }

    /** Writes the {@code labelled} mask (one entry per sample) of a shape with {@code labelled}. */
    public void labelled(boolean[] mask) {
        Check.that(labelled != null, "labelled", "the dataset shape has no labelled mask");
        Check.that(mask.length == shape.samples(), "labelled mask length = " + mask.length, "must be " + shape.samples());
        double[] values = new double[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i] ? 1 : 0;
        }
        labelled.write(0, values, 0, values.length);
    }

    /** Moves the file into place once all samples (and the mask, if any) are written. */
    public void commit() {
        if (written != shape.samples()) {
            throw new IllegalStateException(file.target() + ": " + written + " of " + shape.samples() + " samples written");
        }
        file.commit();
    }

    /** Without {@link #commit()}: deletes the temporary file; an existing target is not touched. */
    @Override
    public void close() {
        file.close();
    }
}
