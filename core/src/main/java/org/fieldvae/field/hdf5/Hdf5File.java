package org.fieldvae.field.hdf5;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.fieldvae.InvalidInputException;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Any HDF5 file opened for reading, knowing nothing of the paper's layout: the datasets of its root group by
 * name, their extents, their values as doubles (any numeric or boolean type) or as float ranges, and the
 * root group's attributes as strings. The layout of a FieldVAE dataset sits on top, in
 * {@code org.fieldvae.field.DatasetReader}; the raw byte reads behind {@link #readFloats} are in
 * {@link FloatRanges}. Uses jHDF.
 */
public final class Hdf5File implements AutoCloseable {
    private final Path path;
    private final HdfFile file;
    private final FloatRanges floats;

    private Hdf5File(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
        this.floats = new FloatRanges(path, file);
    }

    /**
     * Opens {@code path} without looking at its content.
     *
     * @throws InvalidInputException if the file is missing, unreadable or not HDF5
     */
    public static Hdf5File open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("file not found: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException("file not readable: " + path);
        }
        try {
            return new Hdf5File(path, new HdfFile(path));
        } catch (RuntimeException e) {
            throw new InvalidInputException("not a readable HDF5 file: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Names of the root group's children, for messages. */
    public Set<String> children() {
        return file.getChildren().keySet();
    }

    /** Whether the file has a dataset {@code name} in its root group. */
    public boolean has(String name) {
        return file.getChild(name) instanceof Dataset;
    }

    /**
     * The dataset {@code name} of the root group, or null when there is no child of that name.
     *
     * @throws DatasetFormatException when the child is a group, not a dataset
     */
    public Dataset optional(String name) {
        Node node = file.getChild(name);
        if (node == null) {
            return null;
        }
        if (!(node instanceof Dataset dataset)) {
            throw new DatasetFormatException(path, "/" + name, "a dataset", "a " + node.getType());
        }
        return dataset;
    }

    /** @throws DatasetFormatException when the file has no dataset {@code name} */
    public Dataset required(String name) {
        Dataset d = optional(name);
        if (d == null) {
            throw new DatasetFormatException(path, "/" + name, "a dataset", "nothing (datasets: " + children() + ")");
        }
        return d;
    }

    /** The extents of dataset {@code name}. */
    public int[] shape(String name) {
        return required(name).getDimensions();
    }

    /** Extents and element type of a dataset, e.g. {@code [4, 3] double}, for messages. */
    public static String describe(Dataset dataset) {
        Class<?> type = dataset.getJavaType();
        return Arrays.toString(dataset.getDimensions()) + " " + (type == null ? "?" : type.getSimpleName());
    }

    /**
     * Elements {@code first .. first+count-1} (row-major) of float dataset {@code name}, e.g. some rows of a
     * KLE basis's {@code modes} or some samples' fields; reads only that range when the dataset is contiguous.
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
        return floats.read(dataset, first, count);
    }

    /** All of dataset {@code name}, any numeric or boolean type, flattened in row-major order. */
    public double[] readDoubles(String name) {
        Dataset dataset = required(name);
        Object data;
        try {
            data = dataset.getData();
        } catch (HdfException e) {
            throw new InvalidInputException(path + ": cannot read " + dataset.getPath() + " (" + e.getMessage() + ")", e);
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

    /** Root-group attributes as strings (numbers and arrays rendered with their Java text form). */
    public Map<String, String> attributes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Attribute> e : file.getAttributes().entrySet()) {
            Object data = e.getValue().getData();
            out.put(e.getKey(), data != null && data.getClass().isArray() ? arrayText(data) : String.valueOf(data));
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
