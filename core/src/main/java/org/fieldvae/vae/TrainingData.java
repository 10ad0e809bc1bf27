package org.fieldvae.vae;

import java.util.Objects;

import org.fieldvae.InvalidInputException;

/**
 * The training set: fields, and for semi-supervised training the generative parameters and which
 * samples are labelled. Arrays are held by reference for speed (a dataset is large); do not modify them
 * while training.
 *
 * @param fields   [sample][channel][i][j], all finite
 * @param theta    generative parameters [sample][p], or null
 * @param labelled which samples' theta may be used as labels, or null (then none are)
 */
public record TrainingData(float[][][][] fields, double[][] theta, boolean[] labelled) {
    public TrainingData {
        Objects.requireNonNull(fields, "fields");
        if (fields.length == 0) {
            throw new InvalidInputException("training data: no samples");
        }
        int c = fields[0].length;
        int n = c == 0 ? 0 : fields[0][0].length;
        for (int s = 0; s < fields.length; s++) {
            if (fields[s].length != c) {
                throw new InvalidInputException("training data: sample " + s + " has " + fields[s].length
                        + " channels, sample 0 has " + c);
            }
            for (float[][] channel : fields[s]) {
                if (channel.length != n) {
                    throw new InvalidInputException("training data: sample " + s + " is not " + n + " x " + n);
                }
                for (float[] row : channel) {
                    if (row.length != n) {
                        throw new InvalidInputException("training data: sample " + s + " is not " + n + " x " + n);
                    }
                    for (float v : row) {
                        if (!Float.isFinite(v)) {
                            throw new InvalidInputException("training data: sample " + s + " has a non-finite value");
                        }
                    }
                }
            }
        }
        if (labelled != null && theta == null) {
            throw new InvalidInputException("training data: labelled is given but theta (the labels) is missing");
        }
        if (theta != null && theta.length != fields.length) {
            throw new InvalidInputException("training data: theta has " + theta.length + " rows for "
                    + fields.length + " samples");
        }
        if (labelled != null && labelled.length != fields.length) {
            throw new InvalidInputException("training data: labelled has " + labelled.length + " entries for "
                    + fields.length + " samples");
        }
    }

    /** Fields without labels. */
    public static TrainingData of(float[][][][] fields) {
        return new TrainingData(fields, null, null);
    }

    int size() {
        return fields.length;
    }

    int grid() {
        return fields[0][0].length;
    }

    int channels() {
        return fields[0].length;
    }

    int labelledCount() {
        int count = 0;
        if (labelled != null) {
            for (boolean l : labelled) {
                count += l ? 1 : 0;
            }
        }
        return count;
    }
}
