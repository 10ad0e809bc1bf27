package org.fieldvae.vae;

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
 * and nothing else is stored: the ReLU mask is recomputed from x. Arithmetic is in double precision for both
 * float32 and float64 arrays; each sum uses two accumulators so that it does not wait on one chain of adds.
 */
final class BatchNormReluKernel {
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
    static void moments(Planes x, double[] mean, double[] var) {
        long count = (long) x.samples * x.size;
        parallel(x.channels, c -> {
            double[] row = new double[x.size];
            x.read(0, c, row);
            double shift = row[0];
            double[] sums = new double[2];
            for (int n = 0; n < x.samples; n++) {
                x.read(n, c, row);
                addShiftedSums(row, x.size, shift, sums);
            }
            double m = sums[0] / count;
            mean[c] = shift + m;
            var[c] = Math.max(0, sums[1] / count - m * m);
        });
    }

    /** sums[0] += sum (row - shift), sums[1] += sum (row - shift)^2 over row[0 .. size). */
    private static void addShiftedSums(double[] row, int size, double shift, double[] sums) {
        double s0 = 0;
        double s1 = 0;
        double q0 = 0;
        double q1 = 0;
        int i = 0;
        for (; i + 1 < size; i += 2) {
            double a = row[i] - shift;
            double b = row[i + 1] - shift;
            s0 += a;
            s1 += b;
            q0 += a * a;
            q1 += b * b;
        }
        for (; i < size; i++) {
            double a = row[i] - shift;
            s0 += a;
            q0 += a * a;
        }
        sums[0] += s0 + s1;
        sums[1] += q0 + q1;
    }

    /**
     * y = max(0, s_c (x - mean_c) + beta_c) with s_c = gamma_c / sqrt(var_c + eps).
     *
     * @param x    input [n][c][h][w], not modified
     * @param y    output, same shape, modified (may not alias x)
     * @param mean [c] (batch or running mean), not modified
     * @param var  [c] (batch or running variance), not modified
     */
    static void forward(Planes x, Planes y, double[] mean, double[] var, double[] gamma, double[] beta, double eps) {
        parallel(x.channels, c -> {
            double scale = gamma[c] / Math.sqrt(var[c] + eps);
            double m = mean[c];
            double b = beta[c];
            double[] row = new double[x.size];
            for (int n = 0; n < x.samples; n++) {
                x.read(n, c, row);
                for (int i = 0; i < x.size; i++) {
                    row[i] = Math.max(0, scale * (row[i] - m) + b);
                }
                y.write(n, c, row);
            }
        });
    }

    /**
     * The training-mode backward pass of {@link #forward} with the batch's own mean and variance (equations in the
     * class javadoc).
     *
     * @param x          the forward input [n][c][h][w], not modified
     * @param gradOut    dL/dy, same shape, not modified
     * @param gradIn     dL/dx, same shape, modified: overwritten, or added to when {@code accumulate}
     * @param mean       [c] batch mean from {@link #moments}, not modified
     * @param var        [c] batch variance from {@link #moments}, not modified
     * @param gradGamma  [c] dL/dgamma, modified (overwritten)
     * @param gradBeta   [c] dL/dbeta, modified (overwritten)
     * @param accumulate whether dL/dx is added to gradIn (a dense block's input gradient) instead of written
     */
    static void backward(Planes x, Planes gradOut, Planes gradIn, boolean accumulate, double[] mean, double[] var,
            double[] gamma, double[] beta, double eps, double[] gradGamma, double[] gradBeta) {
        long count = (long) x.samples * x.size;
        parallel(x.channels, c -> {
            double invStd = 1 / Math.sqrt(var[c] + eps);
            double scale = gamma[c] * invStd;
            double m = mean[c];
            double b = beta[c];
            double[] xs = new double[x.size];
            double[] gs = new double[x.size];
            double[] sums = new double[2];
            for (int n = 0; n < x.samples; n++) {
                x.read(n, c, xs);
                gradOut.read(n, c, gs);
                addMaskedSums(xs, gs, x.size, scale, m, b, sums);
            }
            gradBeta[c] = sums[0];
            gradGamma[c] = sums[1] * invStd;
            double meanG = sums[0] / count;
            double slope = sums[1] * invStd * invStd / count;
            double[] prior = accumulate ? new double[x.size] : null;
            for (int n = 0; n < x.samples; n++) {
                x.read(n, c, xs);
                gradOut.read(n, c, gs);
                if (accumulate) {
                    gradIn.read(n, c, prior);
                }
                inputGradient(xs, gs, prior, x.size, scale, m, b, meanG, slope);
                gradIn.write(n, c, gs);
            }
        });
    }

    /**
     * gs[i] <- prior[i] + s (g - meanG - (x - mean) slope) over one plane (prior null: 0), with g the masked
     * gradient of {@link #addMaskedSums}.
     */
    private static void inputGradient(double[] xs, double[] gs, double[] prior, int size, double scale, double mean,
            double beta, double meanG, double slope) {
        for (int i = 0; i < size; i++) {
            double d = xs[i] - mean;
            double g = passed(scale * d + beta) * gs[i];
            gs[i] = scale * (g - meanG - d * slope);
        }
        if (prior != null) {
            for (int i = 0; i < size; i++) {
                gs[i] += prior[i];
            }
        }
    }

    /**
     * sums[0] += sum g, sums[1] += sum g (x - mean) over one plane, with g = gradOut where the ReLU passed
     * (s (x - mean) + beta > 0, the forward pass's test, so the mask is the same) and 0 elsewhere.
     */
    private static void addMaskedSums(double[] xs, double[] gs, int size, double scale, double mean, double beta,
            double[] sums) {
        double s0 = 0;
        double s1 = 0;
        double p0 = 0;
        double p1 = 0;
        int i = 0;
        for (; i + 1 < size; i += 2) {
            double d0 = xs[i] - mean;
            double d1 = xs[i + 1] - mean;
            double g0 = passed(scale * d0 + beta) * gs[i];
            double g1 = passed(scale * d1 + beta) * gs[i + 1];
            s0 += g0;
            s1 += g1;
            p0 += g0 * d0;
            p1 += g1 * d1;
        }
        for (; i < size; i++) {
            double d0 = xs[i] - mean;
            double g0 = passed(scale * d0 + beta) * gs[i];
            s0 += g0;
            p0 += g0 * d0;
        }
        sums[0] += s0 + s1;
        sums[1] += p0 + p1;
    }

    /**
     * 1 where pre > 0, else 0 (also for pre = -0 and +0), without a branch: the sign bit of 0 - pre. A branch
     * here is mispredicted about half the time.
     */
    private static double passed(double pre) {
        return Double.doubleToRawLongBits(0.0 - pre) >>> 63;
    }

    /** Runs body(c) for every channel, spread over the common fork-join pool and the calling thread. */
    private static void parallel(int channels, IntConsumer body) {
        IntStream.range(0, channels).parallel().forEach(body);
    }
}
