package org.fieldvae.kle;

import java.util.Arrays;
import org.fieldvae.Check;
import org.fieldvae.Medians;
import org.fieldvae.Progress;

/**
 * Timings of the KLE basis for the {@code bench} command: the exponential kernel of the paper (l = 0.1, s2 = 1).
 * Report the median of the returned times; the machine may be shared.
 */
public final class KleBenchmark {
    /**
     * Untimed runs continue until this much time has passed (the JIT needs 20-40 runs of the top-100 problem
     * before its times settle), ...
     */
    private static final double WARMUP_SECONDS = 10.0;
    /** ... but at least this many and at most {@link #WARMUP_MAX}. */
    private static final int WARMUP_MIN = 2;
    private static final int WARMUP_MAX = 40;

    private KleBenchmark() {
    }

    /**
     * @param grid    n, >= 3
     * @param modes   p, in [1, n^2]
     * @param repeats timed runs, >= 1, after untimed warm-up runs (2 to 40, until 10 s have passed: JIT compilation)
     * @return wall-clock seconds of each timed {@link KleBasis#compute} call
     */
    public static double[] timeTopModes(int grid, int modes, int repeats) {
        Check.atLeast("repeats", repeats, 1);
        KleSettings settings = KleSettings.defaults().withGrid(grid).withModes(modes);
        long warmStart = System.nanoTime();
        for (int w = 0; w < WARMUP_MAX; w++) {
            if (w >= WARMUP_MIN && (System.nanoTime() - warmStart) * 1e-9 > WARMUP_SECONDS) {
                break;
            }
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


    /** {@code java ... KleBenchmark [grid] [modes] [repeats]}: prints each time and the median. */
    public static void main(String[] args) {
        int grid = args.length > 0 ? Integer.parseInt(args[0]) : 65;
        int modes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[] t = timeTopModes(grid, modes, repeats);
        KleResult r = KleBasis.compute(KleSettings.defaults().withGrid(grid).withModes(modes), Progress.NONE);
        System.out.printf(
            "KLE top %d modes of %dx%d: median %.4f s over %d runs %s; residual %.2e, captured %.4f, %s%n",
            modes, grid, grid, Medians.of(t).median(), repeats, Arrays.toString(t), r.residual(), r.capturedVariance(),
            r.method());
    }
}
