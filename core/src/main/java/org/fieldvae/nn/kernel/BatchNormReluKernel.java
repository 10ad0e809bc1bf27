package org.fieldvae.nn.kernel;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Batch norm followed by ReLU over the channels of NCHW arrays, in plain Java on the arrays' memory, channels in
 * parallel. With M = N H W elements per channel c,
 * <pre>
 *   mean_c = (1/M) sum_{n,h,w} x,   var_c = (1/M) sum_{n,h,w} (x - mean_c)^2   (biased, as libnd4j's moments)
 *   s_c = gamma_c / sqrt(var_c + eps),   xhat = (x - mean_c) / sqrt(var_c + eps)
 *   y = max(0, gamma_c xhat + beta_c) = max(0, s_c (x - mean_c) + beta_c)
 * </pre>
 * and, in training mode (mean and variance are the batch's, so they depend on x), with g = dL/dy where
 * s_c (x - mean_c) + beta_c > 0 and 0 elsewhere,
 * <pre>
 *   dL/dbeta_c = sum g,   dL/dgamma_c = sum g xhat,
 *   dL/dx = s_c (g - dL/dbeta_c / M - xhat dL/dgamma_c / M)
 * </pre>
 * (Ioffe and Szegedy 2015, with the terms through mean and variance summed). Why not libnd4j: its moments,
 * batchnorm, batchnorm_bp and relu_bp took about 300 ms of a 570 ms DenseVAE step on these shapes (64 samples,
 * 2-33 channels of 16 x 16 or 32 x 32), while the memory traffic is a few passes over about 80 MB. Here the
 * forward pass reads x twice and writes y once, the backward pass reads x and dL/dy twice and writes dL/dx once,
 * and nothing else is stored: the ReLU mask is recomputed from x, by the same expression as the forward pass.
 *
 * <p>Arithmetic is in the arrays' precision (float32 loops are about twice as fast as widening to double), and
 * so are the sums within one plane (at most a few thousand terms, over several accumulators so that they do not
 * wait on one chain of adds); sums across planes and the per-channel statistics are in double.
 */
public final class BatchNormReluKernel {
    private BatchNormReluKernel() {
    }

    /**
     * Per-channel batch mean and biased variance, one pass with sums shifted by the channel's first element
     * (so that a large mean does not cancel the variance's digits).
     *
     * @param x    input [n][c][h][w], not modified
     * @param mean [c], modified
     * @param var  [c], modified
     */
    public static void moments(Planes x, double[] mean, double[] var) {
        long count = (long) x.samples * x.size;
        parallel(x.channels, c -> {
            PlaneLoops rows = PlaneLoops.of(x);
            rows.readX(x, 0, c);
            double shift = rows.firstX();
            double[] sums = new double[2];
            for (int n = 0; n < x.samples; n++) {
                rows.readX(x, n, c);
                rows.addShiftedSums(shift, sums);
            }
            double m = sums[0] / count;
            mean[c] = shift + m;
            var[c] = Math.max(0, sums[1] / count - m * m);
        });
    }

    /**
     * y = max(0, s_c (x - mean_c) + beta_c) with s_c = gamma_c / sqrt(var_c + eps).
     *
     * @param x    input [n][c][h][w], not modified
     * @param y    output, same shape and precision, modified (may not alias x)
     * @param mean [c] (batch or running mean), not modified
     * @param var  [c] (batch or running variance), not modified
     */
    public static void forward(Planes x, Planes y, double[] mean, double[] var, double[] gamma, double[] beta,
            double eps) {
        parallel(x.channels, c -> {
            PlaneLoops rows = PlaneLoops.of(x);
            rows.setChannel(gamma[c] / Math.sqrt(var[c] + eps), mean[c], beta[c]);
            for (int n = 0; n < x.samples; n++) {
                rows.readX(x, n, c);
                rows.normaliseX();
                rows.writeX(y, n, c);
            }
        });
    }

    /**
     * The training-mode backward pass of {@link #forward} with the batch's own mean and variance (equations in the
     * class javadoc).
     *
     * @param x          the forward input [n][c][h][w], not modified
     * @param gradOut    dL/dy, same shape and precision, not modified
     * @param gradIn     dL/dx, same shape and precision, modified: overwritten, or added to when {@code accumulate}
     * @param mean       [c] batch mean from {@link #moments}, not modified
     * @param var        [c] batch variance from {@link #moments}, not modified
     * @param gradGamma  [c] dL/dgamma, modified (overwritten)
     * @param gradBeta   [c] dL/dbeta, modified (overwritten)
     * @param accumulate whether dL/dx is added to gradIn (a dense block's input gradient) instead of written
     */
    public static void backward(Planes x, Planes gradOut, Planes gradIn, boolean accumulate, double[] mean,
            double[] var, double[] gamma, double[] beta, double eps, double[] gradGamma, double[] gradBeta) {
        long count = (long) x.samples * x.size;
        parallel(x.channels, c -> {
            double invStd = 1 / Math.sqrt(var[c] + eps);
            PlaneLoops rows = PlaneLoops.of(x);
            rows.setChannel(gamma[c] * invStd, mean[c], beta[c]);
            double[] sums = new double[2];
            for (int n = 0; n < x.samples; n++) {
                rows.readX(x, n, c);
                rows.readG(gradOut, n, c);
                rows.addMaskedSums(sums);
            }
            gradBeta[c] = sums[0];
            gradGamma[c] = sums[1] * invStd;
            double meanG = sums[0] / count;
            double slope = sums[1] * invStd * invStd / count;
            for (int n = 0; n < x.samples; n++) {
                rows.readX(x, n, c);
                rows.readG(gradOut, n, c);
                rows.inputGradient(meanG, slope);
                if (accumulate) {
                    rows.readX(gradIn, n, c);
                    rows.addXToG();
                }
                rows.writeG(gradIn, n, c);
            }
        });
    }

    /** Runs body(c) for every channel, spread over the common fork-join pool and the calling thread. */
    private static void parallel(int channels, IntConsumer body) {
        IntStream.range(0, channels).parallel().forEach(body);
    }

    /**
     * Two rows, x and g, holding one plane each in the arrays' precision, and the loops over them; one per channel
     * task. The channel's constants s_c, mean_c and beta_c are set once with {@link #setChannel}.
     */
    private abstract static class PlaneLoops {
        static PlaneLoops of(Planes p) {
            return p.isF32() ? new F32(p.size) : new F64(p.size);
        }

        abstract void setChannel(double scale, double mean, double beta);

        abstract void readX(Planes p, int n, int c);

        abstract void readG(Planes p, int n, int c);

        abstract void writeX(Planes p, int n, int c);

        abstract void writeG(Planes p, int n, int c);

        abstract double firstX();

        /** sums[0] += sum (x - shift), sums[1] += sum (x - shift)^2. */
        abstract void addShiftedSums(double shift, double[] sums);

        /** x <- max(0, s (x - mean) + beta). */
        abstract void normaliseX();

        /**
         * sums[0] += sum g', sums[1] += sum g' (x - mean), with g' = g where s (x - mean) + beta > 0 (the forward
         * pass's expression, so the same mask) and 0 elsewhere.
         */
        abstract void addMaskedSums(double[] sums);

        /** g <- s (g' - meanG - (x - mean) slope), g' as in {@link #addMaskedSums}. */
        abstract void inputGradient(double meanG, double slope);

        /** g <- g + x. */
        abstract void addXToG();
    }

    private static final class F32 extends PlaneLoops {
        private final float[] x;
        private final float[] g;
        private float scale;
        private float mean;
        private float beta;

        F32(int size) {
            x = new float[size];
            g = new float[size];
        }

        /**
         * 1 where pre > 0, else 0 (also for -0 and +0), without a branch and in operations the JIT vectorises:
         * 2^200 lifts even the smallest positive float above 1. A branch here is mispredicted about half the time
         * and made the backward pass several times slower.
         */
        private static float passed(float pre) {
            return Math.min(1f, Math.max(0f, pre) * 0x1p100f * 0x1p100f);
        }

        @Override
        void setChannel(double scale, double mean, double beta) {
            this.scale = (float) scale;
            this.mean = (float) mean;
            this.beta = (float) beta;
        }

        @Override
        void readX(Planes p, int n, int c) {
            p.read(n, c, x);
        }

        @Override
        void readG(Planes p, int n, int c) {
            p.read(n, c, g);
        }

        @Override
        void writeX(Planes p, int n, int c) {
            p.write(n, c, x);
        }

        @Override
        void writeG(Planes p, int n, int c) {
            p.write(n, c, g);
        }

        @Override
        double firstX() {
            return x[0];
        }

        @Override
        void addShiftedSums(double shift, double[] sums) {
            // the shift is an element, so exact in float; four float accumulators per sum over one plane, then double
            float f = (float) shift;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            float q0 = 0;
            float q1 = 0;
            float q2 = 0;
            float q3 = 0;
            int i = 0;
            for (; i + 3 < x.length; i += 4) {
                float a0 = x[i] - f;
                float a1 = x[i + 1] - f;
                float a2 = x[i + 2] - f;
                float a3 = x[i + 3] - f;
                s0 += a0;
                s1 += a1;
                s2 += a2;
                s3 += a3;
                q0 += a0 * a0;
                q1 += a1 * a1;
                q2 += a2 * a2;
                q3 += a3 * a3;
            }
            for (; i < x.length; i++) {
                float a0 = x[i] - f;
                s0 += a0;
                q0 += a0 * a0;
            }
            sums[0] += (double) s0 + s1 + s2 + s3;
            sums[1] += (double) q0 + q1 + q2 + q3;
        }

        @Override
        void normaliseX() {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0f, scale * (x[i] - mean) + beta);
            }
        }

        @Override
        void addMaskedSums(double[] sums) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= passed(scale * (x[i] - mean) + beta);
            }
            // four float accumulators per sum over one plane (at most a few thousand terms), then double
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            float p0 = 0;
            float p1 = 0;
            float p2 = 0;
            float p3 = 0;
            int i = 0;
            for (; i + 3 < x.length; i += 4) {
                s0 += g[i];
                s1 += g[i + 1];
                s2 += g[i + 2];
                s3 += g[i + 3];
                p0 += g[i] * (x[i] - mean);
                p1 += g[i + 1] * (x[i + 1] - mean);
                p2 += g[i + 2] * (x[i + 2] - mean);
                p3 += g[i + 3] * (x[i + 3] - mean);
            }
            for (; i < x.length; i++) {
                s0 += g[i];
                p0 += g[i] * (x[i] - mean);
            }
            sums[0] += (double) s0 + s1 + s2 + s3;
            sums[1] += (double) p0 + p1 + p2 + p3;
        }

        @Override
        void inputGradient(double meanG, double slope) {
            float m = (float) meanG;
            float k = (float) slope;
            for (int i = 0; i < x.length; i++) {
                float d = x[i] - mean;
                float masked = passed(scale * d + beta) * g[i];
                g[i] = scale * (masked - m - d * k);
            }
        }

        @Override
        void addXToG() {
            for (int i = 0; i < x.length; i++) {
                g[i] += x[i];
            }
        }
    }

    private static final class F64 extends PlaneLoops {
        private final double[] x;
        private final double[] g;
        private double scale;
        private double mean;
        private double beta;

        F64(int size) {
            x = new double[size];
            g = new double[size];
        }

        /** 1 where pre > 0, else 0, without a branch (as {@link F32#passed}). */
        private static double passed(double pre) {
            return Double.doubleToRawLongBits(0.0 - pre) >>> 63;
        }

        @Override
        void setChannel(double scale, double mean, double beta) {
            this.scale = scale;
            this.mean = mean;
            this.beta = beta;
        }

        @Override
        void readX(Planes p, int n, int c) {
            p.read(n, c, x);
        }

        @Override
        void readG(Planes p, int n, int c) {
            p.read(n, c, g);
        }

        @Override
        void writeX(Planes p, int n, int c) {
            p.write(n, c, x);
        }

        @Override
        void writeG(Planes p, int n, int c) {
            p.write(n, c, g);
        }

        @Override
        double firstX() {
            return x[0];
        }

        @Override
        void addShiftedSums(double shift, double[] sums) {
            double s0 = 0;
            double s1 = 0;
            double q0 = 0;
            double q1 = 0;
            int i = 0;
            for (; i + 1 < x.length; i += 2) {
                double a = x[i] - shift;
                double b = x[i + 1] - shift;
                s0 += a;
                s1 += b;
                q0 += a * a;
                q1 += b * b;
            }
            for (; i < x.length; i++) {
                double a = x[i] - shift;
                s0 += a;
                q0 += a * a;
            }
            sums[0] += s0 + s1;
            sums[1] += q0 + q1;
        }

        @Override
        void normaliseX() {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0, scale * (x[i] - mean) + beta);
            }
        }

        @Override
        void addMaskedSums(double[] sums) {
            double s0 = 0;
            double s1 = 0;
            double p0 = 0;
            double p1 = 0;
            int i = 0;
            for (; i + 1 < x.length; i += 2) {
                double d0 = x[i] - mean;
                double d1 = x[i + 1] - mean;
                double g0 = passed(scale * d0 + beta) * g[i];
                double g1 = passed(scale * d1 + beta) * g[i + 1];
                s0 += g0;
                s1 += g1;
                p0 += g0 * d0;
                p1 += g1 * d1;
            }
            for (; i < x.length; i++) {
                double d0 = x[i] - mean;
                double g0 = passed(scale * d0 + beta) * g[i];
                s0 += g0;
                p0 += g0 * d0;
            }
            sums[0] += s0 + s1;
            sums[1] += p0 + p1;
        }

        @Override
        void inputGradient(double meanG, double slope) {
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - mean;
                double masked = passed(scale * d + beta) * g[i];
                g[i] = scale * (masked - meanG - d * slope);
            }
        }

        @Override
        void addXToG() {
            for (int i = 0; i < x.length; i++) {
                g[i] += x[i];
            }
        }
    }
}
