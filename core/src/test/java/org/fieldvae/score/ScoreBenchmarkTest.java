package org.fieldvae.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The benchmark's plumbing (not its speed: timings are reported by {@code bench}, not asserted). */
class ScoreBenchmarkTest {

    @Test
    void returnsOnePositiveTimingPerRepeat() {
        double[] t = ScoreBenchmark.timeAllScores(200, 2);
        assertEquals(2, t.length);
        assertTrue(t[0] > 0 && t[1] > 0);
        assertThrows(IllegalArgumentException.class, () -> ScoreBenchmark.timeAllScores(5, 1));
    }

    /** The mixture of the paper's Section 5.3: means (+-1, +-1), variance 0.25 per axis, about 1/4 per quadrant. */
    @Test
    void fourModeMixtureHasThePaperMoments() {
        double[][] t = ScoreBenchmark.fourModeMixture(40_000, new SplittableRandom(1));
        double[] mean = Moments.mean(t);
        double[] sd = Moments.sd(t, mean);
        // per-axis variance = 1 (between modes) + 0.25 (within); standard errors about 0.006
        assertEquals(0, mean[0], 0.03);
        assertEquals(0, mean[1], 0.03);
        assertEquals(Math.sqrt(1.25), sd[0], 0.02);
        assertEquals(Math.sqrt(1.25), sd[1], 0.02);
        long firstQuadrant = java.util.Arrays.stream(t).filter(r -> r[0] > 0 && r[1] > 0).count();
        assertEquals(0.25, firstQuadrant / 40_000.0, 0.01);
    }
}
