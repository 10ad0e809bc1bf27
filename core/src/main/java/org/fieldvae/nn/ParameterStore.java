package org.fieldvae.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.nn.kernel.HostCopy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All tensors of one kind (trainable parameters, or batch-norm running statistics) in one flat array,
 * each tensor a contiguous view of it. One flat array lets Adam run as one fused op, and makes saving,
 * checkpointing and comparing two models one copy. Gradients live in a second flat array with the same views.
 */
public final class ParameterStore {

    /** How a tensor starts. */
    public enum Start {
        /** A weight initialised by the {@link InitScheme} from its fans. */
        WEIGHT,
        /** A linear layer's bias: 0 (Xavier) or U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (PyTorch). */
        BIAS,
        ZEROS,
        ONES
    }

    /** One tensor: its place in the flat array and how it starts. */
    public record Entry(String name, long[] shape, long offset, long length, Start start, int fanIn, int fanOut) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long size;
    private DataType dataType;
    private INDArray values;
    private INDArray gradients;
    private INDArray[] valueViews;
    private INDArray[] gradientViews;

    Entry declare(String name, long[] shape, Start start, int fanIn, int fanOut) {
        if (values != null) {
            throw new IllegalStateException("parameters already allocated");
        }
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        Entry e = new Entry(name, shape.clone(), size, length, start, fanIn, fanOut);
        entries.add(e);
        size += length;
        return e;
    }

    public Entry declare(String name, long[] shape, Start start) {
        return declare(name, shape, start, 0, 0);
    }

    public long size() {
        return size;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Allocates the flat value and gradient arrays (zeros) in the given precision. */
    public void allocate(DataType type) {
        Backend.ensureLoaded();
        dataType = type;
        values = Nd4j.zeros(type, Math.max(1, size));
        gradients = Nd4j.zeros(type, Math.max(1, size));
        valueViews = new INDArray[entries.size()];
        gradientViews = new INDArray[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            valueViews[i] = view(values, e);
            gradientViews[i] = view(gradients, e);
        }
    }

    private static INDArray view(INDArray flat, Entry e) {
        return flat.get(NDArrayIndex.interval(e.offset(), e.offset() + e.length())).reshape('c', e.shape());
    }

    public DataType dataType() {
        return dataType;
    }

    public INDArray value(Entry e) {
        return valueViews[entries.indexOf(e)];
    }

    public INDArray gradient(Entry e) {
        return gradientViews[entries.indexOf(e)];
    }

    /** The flat value array (modified by the optimiser in place). */
    public INDArray values() {
        return values;
    }

    public INDArray gradients() {
        return gradients;
    }

    /** Writes the initial values: one seeded stream, tensors in declaration order, so every precision starts alike. */
    public void initialise(InitScheme scheme, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] all = new double[(int) size];
        for (Entry e : entries) {
            double bound = switch (e.start()) {
                case WEIGHT -> scheme == InitScheme.XAVIER_UNIFORM
                        ? Math.sqrt(6.0 / (e.fanIn() + e.fanOut()))
                        : 1.0 / Math.sqrt(e.fanIn());
                case BIAS -> scheme == InitScheme.XAVIER_UNIFORM ? 0.0 : 1.0 / Math.sqrt(e.fanIn());
                default -> 0.0;
            };
            for (long k = e.offset(); k < e.offset() + e.length(); k++) {
                all[(int) k] = e.start() == Start.ONES ? 1.0 : bound == 0.0 ? 0.0 : random.nextDouble(-bound, bound);
            }
        }
        setAll(all);
    }

    public double[] getAll() {
        return size == 0 ? new double[0] : values.toDoubleVector();
    }

    public void setAll(double[] all) {
        if (all.length != size) {
            throw new IllegalArgumentException("expected " + size + " values, got " + all.length);
        }
        if (size > 0) {
            values.assign(Nd4j.createFromArray(all).castTo(dataType));
        }
    }

    /** The values of one tensor, flattened in 'c' order. */
    public double[] get(Entry e) {
        return read(values, e);
    }

    /** Overwrites the values of one tensor with v (flattened in 'c' order, not modified). */
    public void set(Entry e, double[] v) {
        write(values, e, v);
    }

    /** Overwrites the gradient of one tensor with g (flattened in 'c' order, not modified). */
    public void setGradient(Entry e, double[] g) {
        write(gradients, e, g);
    }

    /** The values of one tensor of a float32 store, flattened in 'c' order. */
    float[] getFloats(Entry e) {
        float[] out = new float[(int) e.length()];
        floatView(values, e).get(out);
        return out;
    }

    /** Overwrites the gradient of one tensor of a float32 store with g (flattened in 'c' order, not modified). */
    void setGradient(Entry e, float[] g) {
        if (g.length != e.length()) {
            throw new IllegalArgumentException(e.name() + ": expected " + e.length() + " values, got " + g.length);
        }
        floatView(gradients, e).put(g);
        HostCopy.written(gradients);
    }

    private FloatBuffer floatView(INDArray flat, Entry e) {
        if (dataType != DataType.FLOAT) {
            throw new IllegalStateException("not a float32 store: " + dataType);
        }
        FloatBuffer b = flat.data().asNioFloat();
        b.position(b.position() + (int) e.offset());
        return b;
    }

    /*
     * Batch norm reads and writes its small per-channel tensors several times per layer and step: through the
     * flat array's NIO view (positioned at its first element) this costs no ND4J op.
     */
    private double[] read(INDArray flat, Entry e) {
        int n = (int) e.length();
        double[] out = new double[n];
        if (dataType == DataType.FLOAT) {
            FloatBuffer b = floatView(flat, e);
            for (int i = 0; i < n; i++) {
                out[i] = b.get();
            }
        } else if (dataType == DataType.DOUBLE) {
            DoubleBuffer b = flat.data().asNioDouble();
            b.position(b.position() + (int) e.offset());
            b.get(out);
        } else {
            return view(flat, e).reshape(e.length()).toDoubleVector();
        }
        return out;
    }

    private void write(INDArray flat, Entry e, double[] v) {
        if (v.length != e.length()) {
            throw new IllegalArgumentException(e.name() + ": expected " + e.length() + " values, got " + v.length);
        }
        if (dataType == DataType.FLOAT) {
            FloatBuffer b = floatView(flat, e);
            for (double x : v) {
                b.put((float) x);
            }
        } else if (dataType == DataType.DOUBLE) {
            DoubleBuffer b = flat.data().asNioDouble();
            b.position(b.position() + (int) e.offset());
            b.put(v);
        } else {
            view(flat, e).assign(Nd4j.createFromArray(v).castTo(dataType).reshape('c', e.shape()));
            return;
        }
        HostCopy.written(flat);
    }
}
