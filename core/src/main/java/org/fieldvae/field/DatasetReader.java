package org.fieldvae.field;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.fieldvae.InvalidInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.exceptions.HdfException;

/**
 * Reads a dataset file in the layout of REFERENCE.md (see {@link DatasetShape}), whether written by
 * FieldVAE or by h5py/Matlab: float32 or float64 fields, {@code labelled} as any integer or boolean type
 * (non-zero = labelled). Shapes are validated at {@link #open(Path)}; fields are read by sample ranges so
 * memory is bounded by the range. Other datasets of the file (e.g. {@code eigenvalues}, {@code modes} of a
 * KLE basis, {@code source}) are reached through {@link #shape(String)} and {@link #readDoubles(String)}.
 * Uses jHDF.
 */
public final class DatasetReader implements AutoCloseable {
    static final String THETA = "generative_params";
    static final String PERMEABILITY = "permeability";
    static final String OUTPUT = "output";
    static final String LABELLED = "labelled";

    private final Path path;
    private final HdfFile file;
    private int samples = -1;
    private int grid = -1;
    private int parameters;
    private Precision precision = Precision.FLOAT32;
    private final Map<String, float[]> wholeData = new HashMap<>();

    private DatasetReader(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
    }

    /**
     * Opens {@code path} and checks its datasets' shapes and types.
     *
     * @throws InvalidInputException if the file is missing, unreadable or not HDF5
     * @throws DatasetFormatException if a dataset has the wrong shape or type, or the file has none of
     *         {@code generative_params}, {@code permeability}, {@code output}
     */
    public static DatasetReader open(Path path) {
        DatasetReader reader = openFile(path);
        try {
            reader.validate();
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw reader.corrupt(e);
        }
    }

    /**
     * The exception to throw for a failure inside jHDF: FieldVAE's own exceptions pass as they are; anything
     * else (jHDF's {@link HdfException}, or a buffer or index error from reading a truncated or bit-flipped
     * file's structure) becomes one line naming the file.
     */
    private RuntimeException corrupt(RuntimeException e) {
        if (e instanceof org.fieldvae.FieldVaeException) {
            return e;
        }
        return new InvalidInputException(path + ": not a readable HDF5 dataset (truncated or corrupt file: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }

    /** Opens any HDF5 file for {@link #shape(String)}, {@link #readDoubles(String)} and attributes, without validation. */
    public static DatasetReader openFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("file not found: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException("file not readable: " + path);
        }
        try {
            return new DatasetReader(path, new HdfFile(path));
        } catch (RuntimeException e) {
            throw new InvalidInputException("not a readable HDF5 file: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private void validate() {
        Dataset theta = optional(THETA);
        Dataset permeability = optional(PERMEABILITY);
        Dataset output = optional(OUTPUT);
        if (theta == null && permeability == null && output == null) {
            throw new DatasetFormatException(path, "/", "a file with " + THETA + ", " + PERMEABILITY + " or " + OUTPUT,
                    "a file with datasets " + file.getChildren().keySet());
        }
        if (theta != null) {
            int[] d = floats(theta, "[N, p] float32|float64");
            expect(theta, d.length == 2, "[N, p] float32|float64");
            samples = d[0];
            parameters = d[1];
        }
        fieldShape(permeability, 1);
        fieldShape(output, 3);
        Dataset labelled = optional(LABELLED);
        if (labelled != null) {
            int[] d = labelled.getDimensions();
            boolean integral = labelled.getJavaType() == boolean.class || labelled.getJavaType() == byte.class
                    || labelled.getJavaType() == short.class || labelled.getJavaType() == int.class
                    || labelled.getJavaType() == long.class;
            expect(labelled, integral && d.length == 1 && d[0] == samples, "[" + samples + "] uint8|int8 (0/1)");
        }
    }

    private void fieldShape(Dataset dataset, int channels) {
        if (dataset == null) {
            return;
        }
        String expected = "[" + (samples < 0 ? "N" : samples) + ", " + channels + ", " + (grid < 0 ? "n" : grid) + ", "
                + (grid < 0 ? "n" : grid) + "] float32|float64";
        int[] d = floats(dataset, expected);
        expect(dataset, d.length == 4 && d[1] == channels && d[2] == d[3] && (samples < 0 || d[0] == samples)
                && (grid < 0 || d[2] == grid), expected);
        samples = d[0];
        grid = d[2];
    }

    private int[] floats(Dataset dataset, String expected) {
        Class<?> type = dataset.getJavaType();
        expect(dataset, type == float.class || type == double.class, expected);
        if (type == double.class) {
            precision = Precision.FLOAT64;
        }
        return dataset.getDimensions();
    }

    private void expect(Dataset dataset, boolean ok, String expected) {
        if (!ok) {
            throw new DatasetFormatException(path, dataset.getPath(), expected, describe(dataset));
        }
    }

    private static String describe(Dataset dataset) {
        Class<?> type = dataset.getJavaType();
        return Arrays.toString(dataset.getDimensions()) + " " + (type == null ? "?" : type.getSimpleName());
    }

    private Dataset optional(String name) {
        Node node = file.getChild(name);
        if (node == null) {
            return null;
        }
        if (!(node instanceof Dataset dataset)) {
            throw new DatasetFormatException(path, "/" + name, "a dataset", "a " + node.getType());
        }
        return dataset;
    }

    private Dataset required(String name) {
        Dataset d = optional(name);
        if (d == null) {
            throw new DatasetFormatException(path, "/" + name, "a dataset", "nothing (datasets: "
                    + file.getChildren().keySet() + ")");
        }
        return d;
    }

    public Path path() {
        return path;
    }

    /** Number of samples N. */
    public int samples() {
        return samples;
    }

    /** Nodes per side n of the fields; -1 when the file has neither permeability nor output. */
    public int grid() {
        return grid;
    }

    /** Generative parameters p per sample; 0 when the file has no {@code generative_params}. */
    public int parameters() {
        return parameters;
    }

    /** FLOAT64 if any of the float datasets is stored as float64. */
    public Precision precision() {
        return precision;
    }

    public boolean hasPermeability() {
        return file.getChild(PERMEABILITY) != null;
    }

    public boolean hasOutput() {
        return file.getChild(OUTPUT) != null;
    }

    public boolean hasLabelled() {
        return file.getChild(LABELLED) != null;
    }

    /** The file's content as a {@link DatasetShape} (for writing a file like it). */
    public DatasetShape shape() {
        return new DatasetShape(samples, parameters, Math.max(grid, 2), hasPermeability(), hasOutput(), hasLabelled(),
                precision);
    }

    /** Generative parameters [sample][parameter]; N x 0 when the file has none. */
    public double[][] theta() {
        if (parameters == 0) {
            return new double[samples][0];
        }
        double[] flat = readDoubles(THETA);
        double[][] theta = new double[samples][parameters];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(flat, s * parameters, theta[s], 0, parameters);
        }
        return theta;
    }

    /** Permeability of samples {@code from .. from+count-1}, [sample][0][i][j]. */
    public float[][][][] permeability(int from, int count) {
        return fields(PERMEABILITY, from, count);
    }

    /** Output (pressure, u_x1, u_x2) of samples {@code from .. from+count-1}, [sample][channel][i][j]. */
    public float[][][][] output(int from, int count) {
        return fields(OUTPUT, from, count);
    }

    private float[][][][] fields(String name, int from, int count) {
        try {
            return readFields(name, from, count);
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
    }

    private float[][][][] readFields(String name, int from, int count) {
        Dataset dataset = required(name);
        if (from < 0 || count < 0 || from + count > samples) {
            throw new IllegalArgumentException("samples [" + from + ", " + (from + count) + ") of " + name + ": must lie within [0, "
                    + samples + ")");
        }
        int[] d = dataset.getDimensions();
        float[] flat = contiguousFloats(dataset, (long) from * d[1] * d[2] * d[3], count * d[1] * d[2] * d[3]);
        if (flat == null) {
            int perSample = d[1] * d[2] * d[3];
            flat = Arrays.copyOfRange(whole(dataset), from * perSample, (from + count) * perSample);
        }
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

    /**
     * Elements {@code first .. first+count-1} of an unfiltered contiguous float dataset, read straight from
     * the file (about 3 times faster than jHDF's slicing, which matters for 10,000-sample sets); null for
     * other storage, which then goes through jHDF.
     */
    private float[] contiguousFloats(Dataset dataset, long first, int count) {
        if (!(dataset instanceof ContiguousDataset contiguous) || !(dataset.getDataType() instanceof FloatingPoint type)
                || !dataset.getFilters().isEmpty() || contiguous.getDataAddress() < 0) {
            return null;
        }
        int size = type.getSize();
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(count, size)).order(type.getByteOrder());
        long position = file.getUserBlockSize() + contiguous.getDataAddress() + first * size;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) < 0) {
                    throw new DatasetFormatException(path, dataset.getPath(), "data within the file", "a truncated file");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
        bytes.flip();
        float[] out = new float[count];
        if (size == 4) {
            bytes.asFloatBuffer().get(out);
        } else {
            DoubleBuffer doubles = bytes.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                out[i] = (float) doubles.get(i);
            }
        }
        return out;
    }

    /**
     * All of a float dataset that is not plain contiguous (chunked, compressed: h5py's or Matlab's choice),
     * read once and kept. Read whole because jHDF 0.10's {@code getData(offset, shape)} on chunked datasets
     * returns zeros for slices beyond the first chunk (seen with an h5py gzip file, 2-sample chunks), so such
     * files cost memory of their full size; FieldVAE's own files are contiguous and read by ranges.
     */
    private float[] whole(Dataset dataset) {
        return wholeData.computeIfAbsent(dataset.getPath(), key -> {
            try {
                return toFloats(dataset.getData());
            } catch (HdfException e) {
                throw new InvalidInputException(path + ": cannot read " + dataset.getPath() + " (" + e.getMessage() + ")", e);
            }
        });
    }

    /** The labelled mask (non-zero = labelled), or null when the file has none. */
    public boolean[] labelled() {
        if (!hasLabelled()) {
            return null;
        }
        double[] values = readDoubles(LABELLED);
        boolean[] mask = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            mask[i] = values[i] != 0;
        }
        return mask;
    }

    /** Whether the file has a dataset {@code name} in its root group. */
    public boolean has(String name) {
        return file.getChild(name) instanceof Dataset;
    }

    /** The extents of dataset {@code name}. */
    public int[] shape(String name) {
        return required(name).getDimensions();
    }

    /**
     * Elements {@code first .. first+count-1} (row-major) of float dataset {@code name}, e.g. some rows of a
     * KLE basis's {@code modes}; reads only that range when the dataset is contiguous.
     */
    public float[] readFloats(String name, long first, int count) {
        Dataset dataset = required(name);
        if (!(dataset.getDataType() instanceof FloatingPoint)) {
            throw new DatasetFormatException(path, dataset.getPath(), "float32|float64", describe(dataset));
        }
        if (first < 0 || count < 0 || first + count > dataset.getSize()) {
            throw new IllegalArgumentException("elements [" + first + ", " + (first + count) + ") of " + name
                    + ": must lie within [0, " + dataset.getSize() + ")");
        }
        float[] flat = contiguousFloats(dataset, first, count);
        return flat != null ? flat : Arrays.copyOfRange(whole(dataset), Math.toIntExact(first), Math.toIntExact(first + count));
    }

    /** All of dataset {@code name}, any numeric or boolean type, flattened in row-major order. */
    public double[] readDoubles(String name) {
        Dataset dataset = required(name);
        Object data;
        try {
            data = dataset.getData();
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        double[] out = new double[Math.toIntExact(dataset.getSize())];
        int filled = flatten(data, out, 0);
        if (filled != out.length) {
            throw new DatasetFormatException(path, dataset.getPath(), dataset.getSize() + " numbers", filled + " numbers");
        }
        return out;
    }

    private static int flatten(Object array, double[] out, int at) {
        if (!array.getClass().isArray()) {
            out[at] = array instanceof Boolean b ? (b ? 1 : 0) : ((Number) array).doubleValue();
            return at + 1;
        }
        int length = Array.getLength(array);
        int next = at;
        for (int i = 0; i < length; i++) {
            next = flatten(Array.get(array, i), out, next);
        }
        return next;
    }

    /** A rectangular float or double array of any rank, flattened in row-major order. */
    private static float[] toFloats(Object array) {
        int size = 1;
        for (Object a = array; a.getClass().isArray(); a = Array.getLength(a) == 0 ? new Object() : Array.get(a, 0)) {
            size *= Array.getLength(a);
        }
        float[] out = new float[size];
        copyFloats(array, out, 0);
        return out;
    }

    private static int copyFloats(Object array, float[] out, int at) {
        if (array instanceof float[] f) {
            System.arraycopy(f, 0, out, at, f.length);
            return at + f.length;
        }
        if (array instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                out[at + i] = (float) d[i];
            }
            return at + d.length;
        }
        int next = at;
        for (Object sub : (Object[]) array) {
            next = copyFloats(sub, out, next);
        }
        return next;
    }

    /** Root-group attributes as strings (numbers and arrays rendered with their Java text form). */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Attribute> e : file.getAttributes().entrySet()) {
                Object data = e.getValue().getData();
                out.put(e.getKey(), data != null && data.getClass().isArray() ? arrayText(data) : String.valueOf(data));
            }
        } catch (RuntimeException e) {
            throw corrupt(e);
        }
        return Collections.unmodifiableMap(out);
    }

    private static String arrayText(Object array) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(array); i++) {
            Object item = Array.get(array, i);
            b.append(i == 0 ? "" : ", ").append(item != null && item.getClass().isArray() ? arrayText(item) : item);
        }
        return b.append(']').toString();
    }

    @Override
    public void close() {
        file.close();
    }
}
