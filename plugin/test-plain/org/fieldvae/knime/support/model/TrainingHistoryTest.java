package org.fieldvae.knime.support.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    static TrainingHistory sample() {
        return new TrainingHistory(List.of("loss", "beta"), new double[][]{{3, 2, 1.5}, {1e-9, 1e-4, 1}});
    }

    @Test
    void seriesAreLookedUpByNameAndCopied() {
        final TrainingHistory h = sample();
        assertEquals(3, h.epochs());
        assertEquals(List.of("loss", "beta"), h.names());
        assertArrayEquals(new double[]{1e-9, 1e-4, 1}, h.series("beta"));
        h.series("loss")[0] = 99;
        assertEquals(3, h.series("loss")[0]);
        assertTrue(h.has("loss"));
        assertFalse(h.has("kl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.series("kl")).getMessage()
            .contains("'kl'"));
    }

    @Test
    void constructorCopiesAndValidates() {
        final double[][] raw = {{1, 2}};
        final TrainingHistory h = new TrainingHistory(List.of("loss"), raw);
        raw[0][0] = 5;
        assertEquals(1, h.series("loss")[0]);
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(List.of("a"), new double[2][1]));
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(List.of("a", "a"), new double[2][1]));
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(List.of(" "), new double[1][1]));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new TrainingHistory(List.of("a", "b"), new double[][]{{1, 2}, {1}})).getMessage()
                .contains("'b' has 1 epochs"));
    }

    @Test
    void emptyHistoryHasNoEpochs() {
        assertEquals(0, TrainingHistory.empty().epochs());
        assertEquals(List.of(), TrainingHistory.empty().names());
    }

    @Test
    void equalityFollowsContent() {
        assertEquals(sample(), sample());
        assertEquals(sample().hashCode(), sample().hashCode());
        assertNotEquals(sample(), new TrainingHistory(List.of("beta", "loss"), new double[][]{{3, 2, 1.5},
            {1e-9, 1e-4, 1}}));
    }
}
