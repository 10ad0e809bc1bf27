package org.fieldvae.kle;

import org.fieldvae.Check;
import org.fieldvae.Progress;

/**
 * Timings of the KLE basis for the {@code bench} command: the exponential kernel of the paper (l = 0.1, s2 = 1).
 * Report the median of the returned times; the machine may be shared.
 */
public final class KleBenchmark {
    private KleBenchmark() {
    }

    /**
     * @param grid    n, >= 3
     * @param modes   p, in [1, n^2]
     * @param repeats timed runs, >= 1, after two untimed warm-up runs (JIT compilation)
     * @return wall-clock seconds of each timed {@link KleBasis#compute} call
     */
    public static double[] timeTopModes(int grid, int modes, int repeats) {
        Check.atLeast("repeats", repeats, 1);
        KleSettings settings = KleSettings.defaults().withGrid(grid).withModes(modes);
        for (int w = 0; w < 2; w++) {
            KleBasis.compute(settings, Progress.NONE);
        }
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            KleBasis.compute(settings, Progress.NONE);
            seconds[r] = (System.nanoTime() - start) * 1e-9;
        }
        return seconds;
    }

    /** @return the median of the values (the mean of the two middle ones for an even count) */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /** {@code java ... KleBenchmark [grid] [modes] [repeats]}: prints each time and the median. */
    public static void main(String[] args) {
        int grid = args.length > 0 ? Integer.parseInt(args[0]) : 65;
        int modes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[] t = timeTopModes(grid, modes, repeats);
        KleResult r = KleBasis.compute(KleSettings.defaults().withGrid(grid).withModes(modes), Progress.NONE);
        System.out.printf("KLE top %d modes of %dx%d: median %.4f s over %d runs %s; residual %.2e, captured %.4f, %s%n",
            modes, grid, grid, median(t), repeats, java.util.Arrays.toString(t), r.residual(), r.capturedVariance(),
            r.method());
    }
}
