package org.fieldvae.knime.support.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.ScoreSettings.Estimator;
import org.junit.jupiter.api.Test;

class ScorerOptionsTest {

    @Test
    void defaultsAreTheEngines() {
        assertEquals(ScoreSettings.defaults(), ScorerOptions.defaults().toSettings());
    }

    @Test
    void everyOptionSurvivesTheRoundTrip() {
        final var s = new ScoreSettings(7, Estimator.ADAPTIVE, 9, true, -42L, 1234, 3e-3, 33);
        assertEquals(s, ScorerOptions.of(s).toSettings());
        assertEquals(new ScorerOptions(7, Estimator.ADAPTIVE, 9, true, -42L, 1234, 3e-3, 33), ScorerOptions.of(s));
    }

    @Test
    void invalidValuesNameTheDialogOption() {
        final var d = ScorerOptions.defaults();
        assertMessage(ScorerOptions.K + ": k = 0", new ScorerOptions(0, d.estimator(), d.starts(), false, 1, 400,
            1e-4, 20));
        assertMessage(ScorerOptions.ESTIMATOR + ": estimator", new ScorerOptions(5, null, 4, false, 1, 400, 1e-4, 20));
        assertMessage(ScorerOptions.STARTS + ": starts = 65", new ScorerOptions(5, Estimator.FIXED, 65, false, 1, 400,
            1e-4, 20));
        assertMessage(ScorerOptions.MAX_EVALUATIONS + ": maxEvaluations = 9",
            new ScorerOptions(5, Estimator.FIXED, 4, false, 1, 9, 1e-4, 20));
        assertMessage(ScorerOptions.TOLERANCE + ": tolerance = 0", new ScorerOptions(5, Estimator.FIXED, 4, false, 1,
            400, 0.0, 20));
        assertMessage(ScorerOptions.BINS + ": bins = 1", new ScorerOptions(5, Estimator.FIXED, 4, false, 1, 400,
            1e-4, 1));
    }

    private static void assertMessage(final String start, final ScorerOptions o) {
        final String message = assertThrows(IllegalArgumentException.class, o::toSettings).getMessage();
        assertTrue(message.startsWith(start), message);
    }
}
