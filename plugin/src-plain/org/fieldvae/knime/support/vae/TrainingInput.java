package org.fieldvae.knime.support.vae;

import java.util.Arrays;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.vae.TrainingData;

/**
 * The VAE Learner's training data from table columns: fields, and for the semi-supervised term theta and which rows
 * are labelled. Theta is only read as a label where a row is labelled, so unlabelled rows may leave it missing.
 */
public final class TrainingInput {

    private TrainingInput() {
    }

    /**
     * @param fields {@code [sample][channel][i][j]}, held by reference
     * @param thetaNames names of the theta columns, for messages
     * @param theta {@code [sample][p]} with NaN for a missing cell, or null without semi-supervision; modified:
     *            missing values of unlabelled rows become 0 (they are never used)
     * @param labelled which rows are labelled, or null for all rows (when theta is given)
     * @return the engine's training data
     * @throws InvalidInputException naming column and row (1-based) of a missing theta in a labelled row
     */
    public static TrainingData of(final float[][][][] fields, final List<String> thetaNames,
        final double[][] theta, final boolean[] labelled) {
        if (theta == null) {
            return TrainingData.of(fields);
        }
        final boolean[] rows = labelled != null ? labelled : allTrue(theta.length);
        for (int r = 0; r < theta.length; r++) {
            for (int k = 0; k < theta[r].length; k++) {
                if (Double.isFinite(theta[r][k])) {
                    continue;
                }
                if (rows[r]) {
                    throw new InvalidInputException("column '" + thetaNames.get(k) + "', row " + (r + 1)
                        + ": the row is labelled but its theta is " + (Double.isNaN(theta[r][k]) ? "missing"
                            : theta[r][k]) + "; label only rows with finite theta");
                }
                theta[r][k] = 0;
            }
        }
        return new TrainingData(fields, theta, rows);
    }

    private static boolean[] allTrue(final int n) {
        final boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return all;
    }
}
