package org.fieldvae.nn.kernel;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The gradients of a stride-1 convolution (cross-correlation, no bias, as PyTorch's Conv2d) of float32 NCHW
 * arrays, in plain Java. For a k x k kernel w[a][b][c][o] (weights [kH, kW, in, out]) and x padded by p zeros,
 * <pre>
 *   y[n][o][i][j]  = sum_{c,a,b} w[a][b][c][o] xpad[n][c][i + a][j + b]                  (size H + 2p - k + 1)
 *   dx[n][c][i][j] = sum_{o,a,b} w[k-1-a][k-1-b][c][o] dypad[n][o][i + a][j + b]          (dy padded by k - 1 - p)
 *   dw[a][b][c][o] = sum_{n,i,j} xpad[n][c][i + a][j + b] dy[n][o][i][j]
 * </pre>
 * so dx is the same correlation, of dy with the kernel flipped and its channels swapped.
 *
 * <p>Why not oneDNN: the dense blocks' convolutions have 4 output maps and 2-33 input maps, and libnd4j's
 * conv2d_bp (or the deconv2d and conv2d that the convolution layer uses in float64) spent about 170 ms of a 600 ms
 * step on their gradients, at 4-6 GFLOP/s; this code takes about half that time on the same shapes. (oneDNN's
 * forward conv2d is as fast as this code's would be, so the forward pass stays there, and so do 1 x 1 kernels.)
 *
 * <p>How: each tap is one long loop over a whole plane. Planes are stored row-major with the padded width WP, so
 * that tap (a, b) is the constant shift a WP + b of the flat index (the WP - Wo columns past each output row are
 * computed and dropped). C2 (JDK 17) does not vectorise {@code x[q + shift]} with a variable shift, so each shifted
 * plane is copied once and shared by all output maps. An instance keeps its padded copies between calls, so it
 * serves one layer and one thread.
 */
public final class ConvolutionGradient {
    private final int k;
    private final int pad;
    /** The padded copies of the last call's arrays, kept for the next call (same shapes every training step). */
    private Copies copies;

    /**
     * @param k   kernel size, >= 1
     * @param pad zero padding, 0 <= pad < k (so that dx is a correlation with non-negative padding)
     */
    public ConvolutionGradient(int k, int pad) {
        if (k < 1 || pad < 0 || pad >= k) {
            throw new IllegalArgumentException("need 0 <= padding < kernel size, got kernel " + k + ", padding " + pad);
        }
        this.k = k;
        this.pad = pad;
    }

    /**
     * The gradients of y = w * x.
     *
     * @param x        the forward input [n][C][h][w], float32, rows contiguous; not modified
     * @param weights  w[a][b][c][o] flattened, length k k C O
     * @param gradOut  dL/dy [n][O][h + 2p - k + 1][w + 2p - k + 1], float32, rows contiguous (may be a channel range
     *                 of a larger array); not modified
     * @param gradIn   dL/dx, same shape as x, overwritten; null when not wanted
     * @param gradW    dL/dw in the layout of the weights, length k k C O, overwritten
     */
    public void backward(Planes x, float[] weights, Planes gradOut, Planes gradIn, float[] gradW) {
        int ins = x.channels;
        int outs = gradOut.channels;
        Geometry g = new Geometry(x.size / x.width, x.width, k, pad);
        Geometry back = new Geometry(g.outHeight, g.outWidth, k, k - 1 - pad);
        Copies c = copies(x.samples, ins, outs, g, back);
        float[] flipped = flipAndSwap(weights, ins, outs);
        parallel(x.samples, n -> {
            g.pad(x, n, c.paddedX[n]);
            g.spread(gradOut, n, c.spreadGrad[n]);
            if (gradIn != null) {
                back.pad(gradOut, n, c.paddedGrad[n]);
                float[][] result = Scratch.get().zeroed(ins, back.span);
                correlate(c.paddedGrad[n], outs, flipped, ins, back, result);
                back.write(result, gradIn, n);
            }
        });
        parallel(ins * k, task -> weightGradient(task % ins, task / ins, c, g, ins, outs, gradW));
    }

    private Copies copies(int samples, int ins, int outs, Geometry g, Geometry back) {
        if (copies == null || !copies.fits(samples, ins, outs, g)) {
            copies = new Copies(samples, ins, outs, g, back);
        }
        return copies;
    }

    /**
     * dw[a][b][c][.] for one kernel row a and every b: sum_n xpad shifted times dy, in float per element, then over
     * the plane in double. One task takes a whole kernel row so that each sample's planes, read once from memory,
     * serve k taps.
     */
    private void weightGradient(int c, int a, Copies copied, Geometry g, int ins, int outs, float[] gradW) {
        Scratch scratch = Scratch.get();
        float[][] sums = scratch.zeroed(k * outs, g.span);
        float[] shifted = scratch.shifted(2, g.span)[0];
        float[] next = scratch.shifted(2, g.span)[1];
        int samples = copied.paddedX.length;
        for (int n = 0; n < samples; n += 2) {
            // two samples per pass, so that sums are loaded and stored once per two multiply-adds
            int m = Math.min(n + 1, samples - 1);
            for (int b = 0; b < k; b++) {
                int shift = a * g.paddedWidth + b;
                System.arraycopy(copied.paddedX[n][c], shift, shifted, 0, g.span);
                if (m > n) {
                    System.arraycopy(copied.paddedX[m][c], shift, next, 0, g.span);
                } else {
                    Arrays.fill(next, 0, g.span, 0f);
                }
                for (int o = 0; o < outs; o++) {
                    multiplyAdd2(copied.spreadGrad[n][o], shifted, copied.spreadGrad[m][o], next, sums[b * outs + o],
                            g.span);
                }
            }
        }
        for (int b = 0; b < k; b++) {
            for (int o = 0; o < outs; o++) {
                double total = 0;
                for (int q = 0; q < g.span; q++) {
                    total += sums[b * outs + o][q];
                }
                gradW[((a * k + b) * ins + c) * outs + o] = (float) total;
            }
        }
    }

    /**
     * result[o][0 .. span) (padded-width layout) += sum_{c,a,b} w[a][b][c][o] padded[c] shifted by a WP + b, four
     * input channels per pass over result[o] (dx's correlation has only the 4 maps of dy as input, and one pass per
     * channel would load and store result[o] once per multiply-add).
     */
    private void correlate(float[][] padded, int ins, float[] weights, int outs, Geometry g, float[][] result) {
        float[][] shifted = Scratch.get().shifted(4, g.span);
        float[] w = new float[4];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                int tap = (a * k + b) * ins;
                for (int c0 = 0; c0 < ins; c0 += 4) {
                    int group = Math.min(4, ins - c0);
                    for (int i = 0; i < 4; i++) {
                        if (i < group) {
                            System.arraycopy(padded[c0 + i], a * g.paddedWidth + b, shifted[i], 0, g.span);
                        } else {
                            Arrays.fill(shifted[i], 0, g.span, 0f);
                        }
                    }
                    for (int o = 0; o < outs; o++) {
                        Arrays.fill(w, 0f);
                        for (int i = 0; i < group; i++) {
                            w[i] = weights[(tap + c0 + i) * outs + o];
                        }
                        scaleAdd4(w, shifted, result[o], g.span);
                    }
                }
            }
        }
    }

    /** w'[a][b][o][c] = w[k-1-a][k-1-b][c][o]: the kernel of dx as a correlation of dy. */
    private float[] flipAndSwap(float[] weights, int ins, int outs) {
        float[] flipped = new float[weights.length];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                int from = ((k - 1 - a) * k + (k - 1 - b)) * ins * outs;
                int to = (a * k + b) * ins * outs;
                for (int c = 0; c < ins; c++) {
                    for (int o = 0; o < outs; o++) {
                        flipped[to + o * ins + c] = weights[from + c * outs + o];
                    }
                }
            }
        }
        return flipped;
    }

    /** y += w[0] x[0] + w[1] x[1] + w[2] x[2] + w[3] x[3]. */
    private static void scaleAdd4(float[] w, float[][] x, float[] y, int length) {
        float w0 = w[0];
        float w1 = w[1];
        float w2 = w[2];
        float w3 = w[3];
        float[] x0 = x[0];
        float[] x1 = x[1];
        float[] x2 = x[2];
        float[] x3 = x[3];
        for (int q = 0; q < length; q++) {
            y[q] += w0 * x0[q] + w1 * x1[q] + w2 * x2[q] + w3 * x3[q];
        }
    }

    /** y += x0 z0 + x1 z1, element by element. */
    private static void multiplyAdd2(float[] x0, float[] z0, float[] x1, float[] z1, float[] y, int length) {
        for (int q = 0; q < length; q++) {
            y[q] += x0[q] * z0[q] + x1[q] * z1[q];
        }
    }

    /** Tasks spread over the common fork-join pool and the calling thread. */
    private static void parallel(int count, IntConsumer body) {
        IntStream.range(0, count).parallel().forEach(body);
    }

    /**
     * Plane sizes of one correlation: an h x w input padded by p to (h + 2p) x WP, WP = w + 2p, stored with k
     * spare zeros at the end so that the last tap's shifted plane stays inside; output Ho x Wo computed as Ho rows
     * of WP (span = Ho WP).
     */
    private static final class Geometry {
        final int height;
        final int width;
        final int pad;
        final int paddedWidth;
        final int outHeight;
        final int outWidth;
        final int span;
        final int paddedLength;

        Geometry(int height, int width, int k, int pad) {
            this.height = height;
            this.width = width;
            this.pad = pad;
            paddedWidth = width + 2 * pad;
            outHeight = height + 2 * pad - k + 1;
            outWidth = paddedWidth - k + 1;
            span = outHeight * paddedWidth;
            paddedLength = (height + 2 * pad) * paddedWidth + k;
        }

        /** Every channel of sample n into the interiors of dst[c], whose borders are zero and stay so. */
        void pad(Planes x, int n, float[][] dst) {
            for (int c = 0; c < x.channels; c++) {
                place(x, n, c, dst[c], pad * paddedWidth + pad);
            }
        }

        /**
         * Rows of plane (n, c) to dst[offset + r WP]. A contiguous plane is read in one call and its rows placed
         * on the heap: one NIO call per row of 16-65 floats cost more than the convolution's own loops.
         */
        private void place(Planes x, int n, int c, float[] dst, int offset) {
            if (!x.contiguousPlane()) {
                x.read(n, c, dst, offset, paddedWidth);
                return;
            }
            float[] plane = Scratch.get().plane(x.size);
            x.read(n, c, plane);
            for (int r = 0; r < x.size / x.width; r++) {
                System.arraycopy(plane, r * x.width, dst, offset + r * paddedWidth, x.width);
            }
        }

        /** Every channel of sample n of an output-shaped array into dst[o] in the padded-width layout. */
        void spread(Planes y, int n, float[][] dst) {
            for (int o = 0; o < y.channels; o++) {
                place(y, n, o, dst[o], 0);
            }
        }

        /** The first Wo columns of each row of result[o] into plane (n, o) of y. */
        void write(float[][] result, Planes y, int n) {
            float[] plane = Scratch.get().plane(y.size);
            for (int o = 0; o < y.channels; o++) {
                if (!y.contiguousPlane()) {
                    y.write(n, o, result[o], 0, paddedWidth);
                    continue;
                }
                for (int r = 0; r < outHeight; r++) {
                    System.arraycopy(result[o], r * paddedWidth, plane, r * outWidth, outWidth);
                }
                y.write(n, o, plane);
            }
        }
    }

    /**
     * Per sample: x padded, dy in the padded-width layout of the forward correlation (zeros past each row), and dy
     * padded for dx's correlation. Only interiors are ever written, so the zeros stay.
     */
    private static final class Copies {
        final float[][][] paddedX;
        final float[][][] spreadGrad;
        final float[][][] paddedGrad;
        private final int[] shape;

        Copies(int samples, int ins, int outs, Geometry g, Geometry back) {
            paddedX = new float[samples][ins][g.paddedLength];
            spreadGrad = new float[samples][outs][g.span];
            paddedGrad = new float[samples][outs][back.paddedLength];
            shape = new int[] {samples, ins, outs, g.height, g.width};
        }

        boolean fits(int samples, int ins, int outs, Geometry g) {
            return Arrays.equals(shape, new int[] {samples, ins, outs, g.height, g.width});
        }
    }

    /** Work arrays of the calling thread, grown on demand and reused across calls and instances. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);
        private float[][] shifted = new float[1][0];
        private float[] plane = new float[0];
        private float[][] rows = new float[1][0];

        static Scratch get() {
            return OF_THREAD.get();
        }

        float[][] shifted(int count, int length) {
            if (shifted.length < count || shifted[0].length < length) {
                shifted = new float[Math.max(count, shifted.length)][Math.max(length, shifted[0].length)];
            }
            return shifted;
        }

        float[] plane(int length) {
            if (plane.length < length) {
                plane = new float[length];
            }
            return plane;
        }

        /** count arrays of at least the given length, zero over [0, length). */
        float[][] zeroed(int count, int length) {
            if (rows.length < count || rows[0].length < length) {
                rows = new float[Math.max(count, rows.length)][Math.max(length, rows[0].length)];
            }
            for (int i = 0; i < count; i++) {
                Arrays.fill(rows[i], 0, length, 0f);
            }
            return rows;
        }
    }
}
