package org.fieldvae.darcy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fieldvae.Check;
import org.fieldvae.Medians;
import org.fieldvae.Progress;

/**
 * Timings of the Darcy solver for the {@code bench} command on random log-normal permeability fields of unit
 * log-variance (white noise smoothed by four periodic 3 x 3 box filters, rescaled to unit sample variance,
 * contrast about e^{+-3}) and the paper's wells. Report medians; the machine may be shared.
 */
public final class DarcyBenchmark {
    /** Untimed solves before timing, for the JIT. */
    private static final double WARMUP_SECONDS = 2.0;
    private static final long SEED = 20260101L;

    private DarcyBenchmark() {
    }

    /**
     * @param grid    n, >= 3
     * @param repeats timed solves, >= 1, each on a different field
     * @return wall-clock seconds of each {@link DarcySolver#solve} call
     */
    public static double[] timeSingleSolves(int grid, int repeats) {
        return singleSolves(grid, repeats, false);
    }

    /**
     * As {@link #timeSingleSolves} but in CPU seconds of the calling thread, which a shared, loaded machine
     * distorts less than wall-clock time.
     */
    public static double[] cpuSingleSolves(int grid, int repeats) {
        return singleSolves(grid, repeats, true);
    }

    private static double[] singleSolves(int grid, int repeats, boolean cpu) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Check.atLeast("grid", grid, 3);
        Check.atLeast("repeats", repeats, 1);
        DarcySettings settings = DarcySettings.defaults();
        SplittableRandom random = new SplittableRandom(SEED);
        double[][][] fields = new double[repeats][][];
        for (int r = 0; r < repeats; r++) {
            fields[r] = logNormalField(grid, random.split());
        }
        long warmStart = System.nanoTime();
        for (int w = 0; (System.nanoTime() - warmStart) * 1e-9 < WARMUP_SECONDS || w < 3; w++) {
            DarcySolver.solve(settings, fields[w % repeats], null);
        }
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            DarcySolver.solve(settings, fields[r], null);
            seconds[r] = ((cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start) * 1e-9;
        }
        return seconds;
    }

    /**
     * @param grid    n, >= 3
     * @param samples M, >= 1
     * @return wall-clock seconds of one {@link DarcySolver#solveAll} call on M fields, after one warm-up call
     */
    public static double timeParallel(int grid, int samples) {
        Check.atLeast("grid", grid, 3);
        Check.atLeast("samples", samples, 1);
        SplittableRandom random = new SplittableRandom(SEED);
        float[][][] fields = new float[samples][grid][grid];
        for (int s = 0; s < samples; s++) {
            double[][] k = logNormalField(grid, random.split());
            for (int i = 0; i < grid; i++) {
                for (int j = 0; j < grid; j++) {
                    fields[s][i][j] = (float) k[i][j];
                }
            }
        }
        DarcySolver.solveAll(DarcySettings.defaults(), fields, null, Progress.NONE);
        long start = System.nanoTime();
        DarcySolver.solveAll(DarcySettings.defaults(), fields, null, Progress.NONE);
        return (System.nanoTime() - start) * 1e-9;
    }

    /** @return exp(G), G smoothed white noise with zero sample mean and unit sample variance, n x n */
    static double[][] logNormalField(int n, SplittableRandom random) {
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (int pass = 0; pass < 4; pass++) {
            g = boxSmooth(g);
        }
        double mean = 0;
        for (double[] row : g) {
            for (double v : row) {
                mean += v;
            }
        }
        mean /= (double) n * n;
        double var = 0;
        for (double[] row : g) {
            for (double v : row) {
                var += (v - mean) * (v - mean);
            }
        }
        double scale = 1 / Math.sqrt(var / ((double) n * n));
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = Math.exp((g[i][j] - mean) * scale);
            }
        }
        return k;
    }

    private static double[][] boxSmooth(double[][] g) {
        int n = g.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int di = -1; di <= 1; di++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        sum += g[Math.floorMod(i + di, n)][Math.floorMod(j + dj, n)];
                    }
                }
                s[i][j] = sum / 9;
            }
        }
        return s;
    }


    /** {@code java ... DarcyBenchmark [grid] [repeats] [samples]}: prints the median single-solve and parallel times. */
    public static void main(String[] args) {
        int grid = args.length > 0 ? Integer.parseInt(args[0]) : 65;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        double[] t = timeSingleSolves(grid, repeats);
        double[] c = cpuSingleSolves(grid, repeats);
        DarcySolution s = DarcySolver.solve(DarcySettings.defaults(),
            logNormalField(grid, new SplittableRandom(SEED)), null);
        System.out.printf("Darcy %dx%d: median %.3f ms wall (min %.3f), %.3f ms CPU per solve over %d solves; "
                + "%d CG iterations, residual %.2e; load average %.1f%n", grid, grid, Medians.of(t).median() * 1e3,
            Arrays.stream(t).min().orElse(0) * 1e3, Medians.of(c).median() * 1e3, repeats, s.iterations(), s.relativeResidual(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double par = timeParallel(grid, samples);
        System.out.printf("Darcy %dx%d: %d samples in parallel on %d cores: %.3f s (%.3f ms per sample)%n", grid, grid,
            samples, Runtime.getRuntime().availableProcessors(), par, par * 1e3 / samples);
    }
}
