package org.fieldvae.knime.support.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fieldvae.label.LabelSettings;
import org.fieldvae.label.Labeler;
import org.junit.jupiter.api.Test;

class LabelerOptionsTest {

    private static final List<String> THETA = List.of("theta_1", "theta_2");

    private static void assertBlames(final String title, final List<String> columns, final boolean byCount,
        final double fraction, final int count) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new LabelerOptions(columns, byCount, fraction, count, 0, true, false));
        assertTrue(e.getMessage().startsWith(title + ": "), e.getMessage());
    }

    @Test
    void defaultsAreTheEngines() {
        final LabelerOptions d = LabelerOptions.defaults(THETA);
        assertEquals(LabelSettings.defaults(), d.label());
        assertFalse(d.byCount());
        assertFalse(d.blankUnlabelled());
    }

    @Test
    void invalidValuesNameTheirOption() {
        assertBlames(LabelerOptions.THETA_TITLE, List.of(), false, 0.01, 10);
        assertBlames(LabelerOptions.THETA_TITLE, List.of("theta_1", "theta_1"), false, 0.01, 10);
        assertBlames(LabelerOptions.FRACTION_TITLE, THETA, false, 1.5, 10);
        assertBlames(LabelerOptions.FRACTION_TITLE, THETA, false, -0.1, 10);
        assertBlames(LabelerOptions.COUNT_TITLE, THETA, true, 0.01, -1);
        // the field of the other amount kind is not used, so its value does not matter
        assertEquals(LabelSettings.ofCount(3, 0, true), new LabelerOptions(THETA, true, 7, 3, 0, true, false).label());
    }

    @Test
    void aCountAboveTheRowsNamesTheOption() {
        final LabelerOptions o = new LabelerOptions(THETA, true, 0.01, 11, 0, true, false);
        assertEquals(LabelSettings.ofCount(11, 0, true), o.labelFor(11));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.labelFor(10));
        assertTrue(e.getMessage().startsWith(LabelerOptions.COUNT_TITLE + ": "), e.getMessage());
        assertEquals(LabelSettings.ofFraction(0.01, 0, true), LabelerOptions.defaults(THETA).labelFor(0));
    }

    @Test
    void roundTripsThroughTheEngineSettings() {
        for (final LabelSettings s : List.of(LabelSettings.ofCount(25, 9, false), LabelSettings.ofFraction(0.2, -3,
            true))) {
            final LabelerOptions o = LabelerOptions.fromEngine(s, THETA, true);
            assertEquals(s, o.label());
            assertEquals(o, LabelerOptions.fromEngine(o.label(), THETA, true));
        }
    }

    @Test
    void theEngineLabelsTheRequestedNumber() {
        final double[][] theta = new double[200][2];
        for (int s = 0; s < theta.length; s++) {
            theta[s] = new double[]{Math.sin(s), Math.cos(3 * s)};
        }
        assertEquals(2, Labeler.label(LabelerOptions.defaults(THETA).label(), theta).count()); // 1% of 200
        assertEquals(17, Labeler.label(new LabelerOptions(THETA, true, 0, 17, 1, false, false).label(), theta)
            .count());
    }
}
