package org.fieldvae.field;

import java.nio.file.Path;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.hdf5.DatasetFormatException;
import org.fieldvae.field.hdf5.Hdf5File;

/**
 * Reads a dataset file in the paper's layout (docs/paper-facts.md, "Data"; see {@link DatasetShape}), whether
 * written by FieldVAE or by h5py/Matlab: float32 or float64 fields, {@code labelled} as any integer or boolean
 * type (non-zero = labelled). The layout is checked at {@link #open(Path)} ({@link CheckedLayout}); the getters
 * here give its datasets typed, fields by sample ranges so memory is bounded by the range. Other datasets
 * and the raw reads are those of the general HDF5 layer, {@link #hdf5()}.
 */
public final class DatasetReader implements AutoCloseable {
    private final Hdf5File file;
    private final CheckedLayout layout;

    private DatasetReader(Hdf5File file, CheckedLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /**
     * Opens {@code path} and checks its datasets' shapes and types.
     *
     * @throws InvalidInputException if the file is missing, unreadable or not HDF5
     * @throws DatasetFormatException if a dataset has the wrong shape or type, or the file has none of
     *         {@code generative_params}, {@code permeability}, {@code output}
     */
    public static DatasetReader open(Path path) {
        Hdf5File file = Hdf5File.open(path);
        try {
            return new DatasetReader(file, CheckedLayout.of(file));
        } catch (RuntimeException e) {
            file.close();
            throw corrupt(path, e);
        }
    }

    /**
     * The exception to throw for a failure inside jHDF: FieldVAE's own exceptions pass as they are; anything
     * else (jHDF's HdfException, or a buffer or index error from reading a truncated or bit-flipped file's
     * structure) becomes one line naming the file.
     */
    private static RuntimeException corrupt(Path path, RuntimeException e) {
        if (e instanceof org.fieldvae.FieldVaeException) {
            return e;
        }
        return new InvalidInputException(path + ": not a readable HDF5 dataset (truncated or corrupt file: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }

    private <T> T reading(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw corrupt(path(), e);
        }
    }

    /** The general HDF5 file underneath, for datasets outside the layout (e.g. a KLE basis's) and raw reads. */
    public Hdf5File hdf5() {
        return file;
    }

    public Path path() {
        return file.path();
    }

    /** Number of samples N. */
    public int samples() {
        return layout.samples();
    }

    /** Nodes per side n of the fields; -1 when the file has neither permeability nor output. */
    public int grid() {
        return layout.grid();
    }

    /** Generative parameters p per sample; 0 when the file has no {@code generative_params}. */
    public int parameters() {
        return layout.parameters();
    }

    /** FLOAT64 if any of the float datasets is stored as float64. */
    public Precision precision() {
        return layout.precision();
    }

    public boolean hasPermeability() {
        return file.has(DatasetShape.PERMEABILITY);
    }

    public boolean hasOutput() {
        return file.has(DatasetShape.OUTPUT);
    }

    public boolean hasLabelled() {
        return file.has(DatasetShape.LABELLED);
    }

    /** The file's content as a {@link DatasetShape} (for writing a file like it). */
    public DatasetShape shape() {
        return new DatasetShape(samples(), parameters(), Math.max(grid(), 2), hasPermeability(), hasOutput(),
                hasLabelled(), precision());
    }

    /** Generative parameters [sample][parameter]; N x 0 when the file has none. */
    public double[][] theta() {
        int samples = samples();
        int parameters = parameters();
        if (parameters == 0) {
            return new double[samples][0];
        }
        double[] flat = reading(() -> file.readDoubles(DatasetShape.THETA));
        double[][] theta = new double[samples][parameters];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(flat, s * parameters, theta[s], 0, parameters);
        }
        return theta;
    }

    /** Permeability of samples {@code from .. from+count-1}, [sample][0][i][j]. */
    public float[][][][] permeability(int from, int count) {
        return fields(DatasetShape.PERMEABILITY, from, count);
    }

    /** Output (pressure, u_x1, u_x2) of samples {@code from .. from+count-1}, [sample][channel][i][j]. */
    public float[][][][] output(int from, int count) {
        return fields(DatasetShape.OUTPUT, from, count);
    }

    private float[][][][] fields(String name, int from, int count) {
        int[] d = file.shape(name);
        if (from < 0 || count < 0 || from + count > samples()) {
            throw new IllegalArgumentException("samples [" + from + ", " + (from + count) + ") of " + name
                    + ": must lie within [0, " + samples() + ")");
        }
        int perSample = d[1] * d[2] * d[3];
        float[] flat = reading(() -> file.readFloats(name, (long) from * perSample, count * perSample));
        float[][][][] out = new float[count][d[1]][d[2]][d[3]];
        int at = 0;
        for (float[][][] sample : out) {
            for (float[][] channel : sample) {
                for (float[] row : channel) {
                    System.arraycopy(flat, at, row, 0, row.length);
                    at += row.length;
                }
            }
        }
        return out;
    }

    /** The labelled mask (non-zero = labelled), or null when the file has none. */
    public boolean[] labelled() {
        if (!hasLabelled()) {
            return null;
        }
        double[] values = reading(() -> file.readDoubles(DatasetShape.LABELLED));
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = values[i] != 0;
        }
        return mask;
    }

    /** Root-group attributes as strings: the settings, seed and provenance the file was written with. */
    public Map<String, String> attributes() {
        return reading(file::attributes);
    }

    @Override
    public void close() {
        file.close();
    }
}
