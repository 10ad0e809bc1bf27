package org.fieldvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void medianOfOddAndEvenCounts() {
        Medians odd = Medians.of(new double[] {5, 1, 3});
        assertEquals(3, odd.median());
        assertEquals(1, odd.min());
        assertEquals(5, odd.max());
        assertEquals(2.5, Medians.of(new double[] {4, 1, 2, 3}).median());
        assertThrows(IllegalArgumentException.class, () -> Medians.of(new double[0]));
    }
}
