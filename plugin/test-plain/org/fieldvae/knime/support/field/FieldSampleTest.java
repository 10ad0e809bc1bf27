package org.fieldvae.knime.support.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FieldSampleTest {

    /** Value c + i/10 + j/100 makes every node distinguishable, so an index mix-up shows. */
    static float[][][] ramp(final int channels, final int n) {
        final float[][][] f = new float[channels][n][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    f[c][i][j] = c + i / 10f + j / 100f;
                }
            }
        }
        return f;
    }

    @Test
    void ofKeepsChannelIJOrder() {
        final FieldSample s = FieldSample.of(ramp(3, 4));
        assertEquals(3, s.channels());
        assertEquals(4, s.grid());
        assertEquals(2 + 3 / 10f + 1 / 100f, s.get(2, 3, 1));
        assertEquals(s.get(1, 2, 3), s.values()[(1 * 4 + 2) * 4 + 3]);
        final float[][][] back = s.toArray();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(ramp(3, 4)[c][i], back[c][i]);
            }
        }
    }

    @Test
    void isImmutableThroughInputsAndAccessors() {
        final float[] values = new float[2 * 2];
        final FieldSample s = new FieldSample(1, 2, values);
        values[0] = 7;
        s.values()[1] = 7;
        s.toArray()[0][1][0] = 7;
        assertEquals(0f, s.get(0, 0, 0));
        assertEquals(0f, s.get(0, 0, 1));
        assertEquals(0f, s.get(0, 1, 0));
    }

    @Test
    void rejectsBadShapesNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FieldSample(0, 4, new float[0]))
            .getMessage().startsWith("channels = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FieldSample(1, 1, new float[1]))
            .getMessage().startsWith("grid = 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FieldSample(2, 3, new float[9]))
            .getMessage().contains("18"));
        assertThrows(IllegalArgumentException.class, () -> FieldSample.of(new float[][][]{{{1, 2}, {3}}}));
        assertThrows(IllegalArgumentException.class,
            () -> FieldSample.of(new float[][][]{{{1, 2}, {3, 4}}, {{1, 2}}}));
        assertThrows(IndexOutOfBoundsException.class, () -> FieldSample.of(ramp(1, 3)).get(1, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FieldSample.of(ramp(1, 3)).get(0, 3, 0));
    }

    @Test
    void equalityIsBitwiseOnShapeAndValues() {
        assertEquals(FieldSample.of(ramp(2, 3)), FieldSample.of(ramp(2, 3)));
        assertEquals(FieldSample.of(ramp(2, 3)).hashCode(), FieldSample.of(ramp(2, 3)).hashCode());
        assertNotEquals(FieldSample.of(ramp(2, 3)), FieldSample.of(ramp(1, 3)));
        final float[][][] changed = ramp(2, 3);
        changed[1][2][2] += 1e-6f;
        assertNotEquals(FieldSample.of(ramp(2, 3)), FieldSample.of(changed));
        // same values, other shape: 1 x 4 x 4 against 4 x 2 x 2
        assertNotEquals(new FieldSample(1, 4, new float[16]), new FieldSample(4, 2, new float[16]));
        assertEquals(new FieldSample(1, 2, new float[]{Float.NaN, 0, 0, 0}),
            new FieldSample(1, 2, new float[]{Float.NaN, 0, 0, 0}));
        assertNotEquals(new FieldSample(1, 2, new float[]{0f, 0, 0, 0}),
            new FieldSample(1, 2, new float[]{-0f, 0, 0, 0}));
    }

    @Test
    void finiteRangeSkipsNonFiniteValues() {
        final FieldSample s = new FieldSample(2, 2,
            new float[]{Float.NaN, -3, 5, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN, Float.NaN, Float.NaN});
        assertArrayEquals(new double[]{-3, 5}, s.finiteRange(0));
        assertTrue(Double.isNaN(s.finiteRange(1)[0]) && Double.isNaN(s.finiteRange(1)[1]));
        assertEquals("2 x 2 x 2 field", s.toString());
    }
}
