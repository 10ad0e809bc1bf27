package org.fieldvae.knime.support.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CurvePlotTest {

    @Test
    void epochsSpanTheWidth() {
        assertArrayEquals(new int[]{10, 15, 20}, CurvePlot.xs(3, 10, 11));
        assertArrayEquals(new int[]{15}, CurvePlot.xs(1, 10, 11));
    }

    @Test
    void linearAxisPutsMaximumOnTopAndMinimumAtTheBottom() {
        assertArrayEquals(new int[]{0, 50, 100}, CurvePlot.ys(new double[]{4, 2, 0}, false, 0, 101));
        assertArrayEquals(new int[]{30, 30}, CurvePlot.ys(new double[]{7, 7}, false, 10, 41),
            "a flat curve sits in the middle");
    }

    @Test
    void logAxisSpacesDecadesEvenly() {
        // 1e-9 .. 1 spans nine decades; 1e-6 is a third of the way up
        assertArrayEquals(new int[]{90, 60, 0}, CurvePlot.ys(new double[]{1e-9, 1e-6, 1}, true, 0, 91));
    }

    @Test
    void valuesTheAxisCannotShowAreGaps() {
        final int[] y = CurvePlot.ys(new double[]{1, 0, Double.NaN, 10}, true, 0, 11);
        assertArrayEquals(new int[]{10, CurvePlot.GAP, CurvePlot.GAP, 0}, y);
        assertArrayEquals(new double[]{1, 10}, CurvePlot.range(new double[]{1, 0, -2, 10}, true));
        assertArrayEquals(new double[]{-2, 10}, CurvePlot.range(new double[]{1, 0, -2, 10}, false));
        assertArrayEquals(new double[]{Double.NaN, Double.NaN}, CurvePlot.range(new double[]{0, -1}, true));
    }
}
