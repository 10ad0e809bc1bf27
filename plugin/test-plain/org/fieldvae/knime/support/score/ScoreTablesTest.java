package org.fieldvae.knime.support.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.fieldvae.Progress;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.Scores;
import org.junit.jupiter.api.Test;

class ScoreTablesTest {

    /** theta ~ U(0,1)^p and z = 2 theta + 1 plus small noise on the first min(n, p) latents. */
    private static Scores score(final int n, final int p) {
        final var random = new SplittableRandom(7);
        final int rows = 60;
        final double[][] theta = new double[rows][p];
        final double[][] z = new double[rows][n];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < p; j++) {
                theta[r][j] = random.nextDouble();
            }
            for (int i = 0; i < n; i++) {
                z[r][i] = (i < p ? 2 * theta[r][i] + 1 : 0) + 0.01 * random.nextDouble();
            }
        }
        final var s = ScoreSettings.defaults().withStarts(1).withMaxEvaluations(60);
        return DisentanglementScorer.score(s, z, theta, Progress.NONE);
    }

    @Test
    void columnsKnownBeforeScoringMatchTheScoredRow() {
        for (final int[] np : new int[][]{{2, 2}, {3, 2}, {1, 3}}) {
            final Scores scores = score(np[0], np[1]);
            assertEquals(ScoreTables.columns(np[0], np[1]), new ArrayList<>(ScoreTables.row(scores).keySet()),
                "n = " + np[0] + ", p = " + np[1]);
        }
    }

    @Test
    void rowCarriesTheEnginesValuesAndExpandsTheKlVectors() {
        final Scores scores = score(2, 2);
        final var row = ScoreTables.row(scores);
        assertEquals(List.of("s_d", "s_kl", "s_kl_a_1", "s_kl_a_2", "s_kl_b_1", "s_kl_b_2", "s_kl_permutation_1",
            "s_kl_permutation_2", "mig", "dci_disentanglement", "dci_completeness", "dci_informativeness", "sap",
            "total_correlation", "samples", "kl_theta_samples", "kl_latent_samples", "kl_evaluations"),
            new ArrayList<>(row.keySet()));
        assertEquals(scores.sD(), row.get("s_d"));
        assertEquals(scores.sKl(), row.get("s_kl"));
        assertEquals(scores.a()[1], row.get("s_kl_a_2"));
        assertEquals(scores.b()[0], row.get("s_kl_b_1"));
        assertEquals(scores.permutation()[1], row.get("s_kl_permutation_2"));
        assertEquals(60.0, row.get("samples"));
        assertEquals(scores.mig(), row.get("mig"));
    }

    @Test
    void withoutKlTheVectorColumnsAreAbsent() {
        final List<String> columns = ScoreTables.columns(3, 2);
        assertTrue(columns.contains("s_kl"));
        assertFalse(columns.stream().anyMatch(c -> c.startsWith("s_kl_")), columns.toString());
        assertFalse(columns.contains("correlation") || columns.contains("warnings"));
    }

    @Test
    void rejectsEmptyShapes() {
        assertThrows(IllegalArgumentException.class, () -> ScoreTables.columns(0, 2));
        assertThrows(IllegalArgumentException.class, () -> ScoreTables.columns(2, 0));
    }

    @Test
    void selectionMessagesNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ScoreTables.checkSelection("Latent columns", List.of(), "Parameter columns", List.of("theta_1")))
                .getMessage().startsWith("Latent columns: no column"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> ScoreTables.checkSelection("Latent columns", List.of("z"), "Parameter columns", List.of()))
                .getMessage().startsWith("Parameter columns: no column"));
        final String both = assertThrows(IllegalArgumentException.class, () -> ScoreTables
            .checkSelection("Latent columns", List.of("a", "b"), "Parameter columns", List.of("b", "c"))).getMessage();
        assertTrue(both.contains("[b]"), both);
        ScoreTables.checkSelection("Latent columns", List.of("a"), "Parameter columns", List.of("c"));
    }
}
