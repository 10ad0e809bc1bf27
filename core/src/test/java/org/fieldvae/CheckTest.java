package org.fieldvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void messageNamesSettingValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Check.atLeast("grid", 2, 3));
        assertEquals("grid = 2: must be >= 3", e.getMessage());
        assertEquals(5, Check.inRange("modes", 5, 1, 9));
        assertThrows(IllegalArgumentException.class, () -> Check.positive("length", 0));
        assertThrows(IllegalArgumentException.class, () -> Check.positive("length", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Check.finite("x", Double.POSITIVE_INFINITY));
    }

    @Test
    void rangeMapsSubTaskFractionsIntoTheWhole() {
        List<Double> seen = new ArrayList<>();
        Progress whole = new Progress() {
            @Override
            public void report(double fraction, String message) {
                seen.add(fraction);
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        Progress part = whole.range(0.5, 0.75);
        part.report(0, "");
        part.report(1, "");
        assertEquals(List.of(0.5, 0.75), seen);
        assertTrue(part.isCancelled());
        assertThrows(CancelledException.class, part::checkCancelled);
    }
}
