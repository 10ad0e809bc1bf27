package org.fieldvae.nn.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The H x W planes x[n][c][.][.] of an NCHW array, read and written in place as rows of floats (float32 arrays) or
 * doubles (float64 arrays). The array may be a view (a channel range, or a crop of rows and columns of a larger
 * array), as long as each row is contiguous. Reads and writes go straight to the array's native memory through an
 * NIO view of it: no ND4J op, no copy of the array. On a GPU backend that view is the host copy: taking it brings
 * the device's data to the host, and every write marks the host copy as the newest
 * ({@link HostCopy#written}).
 */
public abstract class Planes {
    final int samples;
    final int channels;
    /** Elements in one plane, H W. */
    final int size;
    /** Elements in one row, W. */
    final int width;
    private final int base;
    private final int sampleStride;
    private final int channelStride;
    /** Distance between rows: W for a contiguous plane, more for a crop. */
    private final int rowStride;
    private final INDArray array;

    private Planes(INDArray a, int base) {
        array = a;
        samples = (int) a.size(0);
        channels = (int) a.size(1);
        width = (int) a.size(3);
        size = (int) a.size(2) * width;
        this.base = base;
        sampleStride = (int) a.stride(0);
        channelStride = (int) a.stride(1);
        rowStride = a.size(2) == 1 ? width : (int) a.stride(2);
    }

    /**
     * @param a an NCHW array of float32 or float64 whose rows are contiguous (strides [., ., >= W, 1]); modified
     *          only through the write methods
     * @throws IllegalArgumentException for another rank, layout or data type
     */
    public static Planes of(INDArray a) {
        boolean contiguous = a.rank() == 4 && (a.stride(3) == 1 || a.size(3) == 1)
                && (a.stride(2) >= a.size(3) || a.size(2) == 1);
        if (!contiguous) {
            throw new IllegalArgumentException("expected an NCHW array with contiguous rows, got shape "
                    + java.util.Arrays.toString(a.shape()) + ", strides " + java.util.Arrays.toString(a.stride()));
        }
        if (a.dataType() == DataType.FLOAT) {
            return new F32(a);
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new F64(a);
        }
        throw new IllegalArgumentException("expected float32 or float64, got " + a.dataType());
    }

    /** Whether the elements are float32 (read and written as float[] rows) rather than float64 (double[]). */
    abstract boolean isF32();

    /** Index of x[n][c][0][0] in the NIO buffer. */
    final int index(int n, int c) {
        return base + n * sampleStride + c * channelStride;
    }

    /** Whether the rows of a plane follow each other without gaps, so that a plane is one block of memory. */
    final boolean contiguousPlane() {
        return rowStride == width;
    }

    /** Index of x[n][c][row][0] in the NIO buffer. */
    final int index(int n, int c, int row) {
        return index(n, c) + row * rowStride;
    }

    final void written() {
        HostCopy.written(array);
    }

    /** Copies plane (n, c) of a float32 array into dst[0 .. size). */
    void read(int n, int c, float[] dst) {
        throw new UnsupportedOperationException("not a float32 array");
    }

    /** Writes src[0 .. size) into plane (n, c) of a float32 array. */
    void write(int n, int c, float[] src) {
        throw new UnsupportedOperationException("not a float32 array");
    }

    /** Copies row r of plane (n, c) of a float32 array to dst[offset + r rowStride .. + W) for every r. */
    void read(int n, int c, float[] dst, int offset, int rowStride) {
        throw new UnsupportedOperationException("not a float32 array");
    }

    /** Writes src[offset + r rowStride .. + W) into row r of plane (n, c) of a float32 array for every r. */
    void write(int n, int c, float[] src, int offset, int rowStride) {
        throw new UnsupportedOperationException("not a float32 array");
    }

    /** Copies plane (n, c) of a float64 array into dst[0 .. size). */
    void read(int n, int c, double[] dst) {
        throw new UnsupportedOperationException("not a float64 array");
    }

    /** Writes src[0 .. size) into plane (n, c) of a float64 array. */
    void write(int n, int c, double[] src) {
        throw new UnsupportedOperationException("not a float64 array");
    }

    private static final class F32 extends Planes {
        private final FloatBuffer buffer;

        F32(INDArray a) {
            this(a, a.data().asNioFloat());
        }

        private F32(INDArray a, FloatBuffer buffer) {
            // asNioFloat views the whole allocation, positioned at this array's first element
            super(a, buffer.position());
            this.buffer = buffer;
        }

        @Override
        boolean isF32() {
            return true;
        }

        @Override
        void read(int n, int c, float[] dst) {
            if (contiguousPlane()) {
                buffer.get(index(n, c), dst, 0, size);
                return;
            }
            read(n, c, dst, 0, width);
        }

        @Override
        void write(int n, int c, float[] src) {
            if (contiguousPlane()) {
                buffer.put(index(n, c), src, 0, size);
                written();
                return;
            }
            write(n, c, src, 0, width);
        }

        @Override
        void read(int n, int c, float[] dst, int offset, int rowStride) {
            for (int r = 0; r < size / width; r++) {
                buffer.get(index(n, c, r), dst, offset + r * rowStride, width);
            }
        }

        @Override
        void write(int n, int c, float[] src, int offset, int rowStride) {
            for (int r = 0; r < size / width; r++) {
                buffer.put(index(n, c, r), src, offset + r * rowStride, width);
            }
            written();
        }
    }

    private static final class F64 extends Planes {
        private final DoubleBuffer buffer;

        F64(INDArray a) {
            this(a, a.data().asNioDouble());
        }

        private F64(INDArray a, DoubleBuffer buffer) {
            super(a, buffer.position());
            this.buffer = buffer;
        }

        @Override
        boolean isF32() {
            return false;
        }

        @Override
        void read(int n, int c, double[] dst) {
            if (contiguousPlane()) {
                buffer.get(index(n, c), dst, 0, size);
                return;
            }
            for (int r = 0; r < size / width; r++) {
                buffer.get(index(n, c, r), dst, r * width, width);
            }
        }

        @Override
        void write(int n, int c, double[] src) {
            if (contiguousPlane()) {
                buffer.put(index(n, c), src, 0, size);
            } else {
                for (int r = 0; r < size / width; r++) {
                    buffer.put(index(n, c, r), src, r * width, width);
                }
            }
            written();
        }
    }
}
