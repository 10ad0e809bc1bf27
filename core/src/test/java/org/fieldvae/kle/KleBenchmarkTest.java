package org.fieldvae.kle;

import static org.fieldvae.kle.KleBasisTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's contract (not its speed): one positive time per repeat, and its median. */
class KleBenchmarkTest {

    @Test
    void returnsOnePositiveTimePerRepeat() {
        double[] t = KleBenchmark.timeTopModes(9, 3, 4);
        assertEquals(4, t.length);
        for (double s : t) {
            assertTrue(s > 0 && s < 60, "seconds " + s);
        }
        assertMessage("repeats", () -> KleBenchmark.timeTopModes(9, 3, 0));
        assertMessage("modes", () -> KleBenchmark.timeTopModes(9, 82, 1));
    }
}
