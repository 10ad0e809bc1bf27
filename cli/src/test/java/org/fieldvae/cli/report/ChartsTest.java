package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void colourBarEndsEncloseTheDataAndAreShort() {
        float[][] field = {{0.123456f, 0.5f}, {0.987654f, 0.3f}};
        double[] r = Charts.range(field);
        assertTrue(r[0] <= 0.123456f && r[1] >= 0.987654f, "the range encloses the data");
        // three significant digits of the span 0.864: steps of 0.001, floor below and ceiling above
        assertEquals(0.123, r[0], 0.0);
        assertEquals(0.988, r[1], 0.0);
        assertEquals("0.123", Double.toString(r[0]), "the colour bar prints a short label");
    }

    @Test
    void sharedRangeCoversEveryFieldAndAConstantFieldGetsAWidth() {
        double[] r = Charts.range(new float[][] {{-2.5e-4f}}, new float[][] {{7.1e-3f}});
        assertTrue(r[0] <= -2.5e-4 && r[1] >= 7.1e-3, "both fields inside");
        double[] flat = Charts.range(new float[][] {{3f, 3f}, {3f, 3f}});
        assertTrue(flat[0] <= 3 && flat[1] >= 3, "a flat field stays inside its range");
    }
}
