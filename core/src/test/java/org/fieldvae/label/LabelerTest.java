package org.fieldvae.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Checks the choice of the labelled samples of Eq. 29 of the paper (counts, seeds, strata); docs/equations.md. */
class LabelerTest {

    /** theta spread along the direction (1, 2)/sqrt(5) with small noise across it, in shuffled order. */
    private static double[][] elongated(int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] theta = new double[samples][];
        for (int s = 0; s < samples; s++) {
            double along = r.nextDouble(-5, 5);
            double across = r.nextDouble(-0.1, 0.1);
            theta[s] = new double[] {(along - 2 * across) / Math.sqrt(5), (2 * along + across) / Math.sqrt(5)};
        }
        return theta;
    }

    private static int count(boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        return c;
    }

    @Test
    void labelsExactlyTheRequestedCountOrRoundedFraction() {
        double[][] theta = elongated(200, 1);
        for (boolean stratified : new boolean[] {false, true}) {
            assertEquals(17, count(Labeler.label(LabelSettings.ofCount(17, 3, stratified), theta).labelled()));
            assertEquals(200, count(Labeler.label(LabelSettings.ofCount(200, 3, stratified), theta).labelled()));
            assertEquals(0, count(Labeler.label(LabelSettings.ofCount(0, 3, stratified), theta).labelled()));
            // round(0.0125 * 200) = round(2.5) = 3; 0.001 * 200 = 0.2 rounds to 0 but a positive fraction labels >= 1
            LabelResult r = Labeler.label(LabelSettings.ofFraction(0.0125, 3, stratified), theta);
            assertEquals(3, r.count());
            assertEquals(3, count(r.labelled()));
            assertEquals(1, Labeler.label(LabelSettings.ofFraction(0.001, 3, stratified), theta).count());
            assertEquals(0, Labeler.label(LabelSettings.ofFraction(0, 3, stratified), theta).count());
        }
    }

    @Test
    void sameSeedSameLabelsOtherSeedOtherLabels() {
        double[][] theta = elongated(500, 2);
        for (boolean stratified : new boolean[] {false, true}) {
            boolean[] a = Labeler.label(LabelSettings.ofFraction(0.05, 11, stratified), theta).labelled();
            boolean[] b = Labeler.label(LabelSettings.ofFraction(0.05, 11, stratified), theta).labelled();
            boolean[] c = Labeler.label(LabelSettings.ofFraction(0.05, 12, stratified), theta).labelled();
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, c));
        }
    }

    @Test
    void stratifiedLabelsGiveEachQuantileBinOfThePrincipalDirectionItsShare() {
        int samples = 1000;
        int bins = 10;
        double[][] theta = elongated(samples, 3);
        boolean[] mask = Labeler.label(LabelSettings.ofCount(20, 5, true), theta).labelled();
        // project on the known direction (1, 2)/sqrt(5) and rank: bin b holds ranks [100 b, 100 b + 100)
        Integer[] order = new Integer[samples];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(theta[x][0] + 2 * theta[x][1], theta[y][0] + 2 * theta[y][1]));
        int[] perBin = new int[bins];
        for (int rank = 0; rank < samples; rank++) {
            perBin[rank * bins / samples] += mask[order[rank]] ? 1 : 0;
        }
        int[] expected = new int[bins];
        Arrays.fill(expected, 2);
        assertArrayEquals(expected, perBin);
    }

    @Test
    void unstratifiedLabelsAreUniformOverSamples() {
        // 20,000 draws of 10 from 50: each sample's count is Binomial(20000, 0.2), sd ~ 57; 5 sd bound
        int[] hits = new int[50];
        double[][] theta = elongated(50, 4);
        for (long seed = 0; seed < 2000; seed++) {
            boolean[] mask = Labeler.label(LabelSettings.ofCount(10, seed, false), theta).labelled();
            for (int i = 0; i < 50; i++) {
                hits[i] += mask[i] ? 1 : 0;
            }
        }
        for (int h : hits) {
            assertTrue(Math.abs(h - 400) < 5 * Math.sqrt(2000 * 0.2 * 0.8), "hits " + h);
        }
    }

    @Test
    void badSettingsAndDataAreNamed() {
        double[][] theta = elongated(10, 5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelSettings.ofFraction(1.5, 0, false))
                .getMessage().contains("fraction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelSettings.ofFraction(Double.NaN, 0, false))
                .getMessage().contains("fraction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelSettings.ofCount(-1, 0, false))
                .getMessage().contains("count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Labeler.label(LabelSettings.ofCount(11, 0, true), theta))
                .getMessage().contains("count"));
        theta[3][1] = Double.NaN;
        assertThrows(InvalidInputException.class, () -> Labeler.label(LabelSettings.ofCount(1, 0, true), theta));
        assertThrows(InvalidInputException.class, () -> Labeler.label(LabelSettings.ofCount(0, 0, true), new double[0][]));
    }

    @Test
    void resultCopiesItsMask() {
        boolean[] mask = {true, false};
        LabelResult r = new LabelResult(mask, 1);
        mask[1] = true;
        r.labelled()[0] = false;
        assertArrayEquals(new boolean[] {true, false}, r.labelled());
        assertThrows(IllegalArgumentException.class, () -> new LabelResult(new boolean[] {true}, 0));
    }
}
