package org.fieldvae.field;

import java.nio.file.Path;

import org.fieldvae.InvalidInputException;

/**
 * A whole dataset's fields in memory, as training and the loss probes take them: the {@code output} fields
 * and, when asked for, the generative parameters and the labelled mask of the semi-supervised loss (paper
 * Eq. 29). The one way a command or a run reads a dataset for learning; the arrays are the reader's, not copied.
 *
 * @param fields   {@code output}, [sample][channel][i][j]
 * @param theta    {@code generative_params} [sample][parameter], or null when not asked for
 * @param labelled the {@code labelled} mask, or null when not asked for
 */
public record TrainingFields(float[][][][] fields, double[][] theta, boolean[] labelled) {

    /**
     * @param withTheta    whether theta is needed (semi-supervised training, scoring the encodings)
     * @param withLabelled whether the labelled mask is needed (semi-supervised training); implies theta
     * @throws InvalidInputException naming the file and what it lacks
     */
    public static TrainingFields read(Path file, boolean withTheta, boolean withLabelled) {
        try (DatasetReader reader = DatasetReader.open(file)) {
            if (!reader.hasOutput()) {
                throw new InvalidInputException(file + ": has no 'output' dataset (the fields to learn from or probe)");
            }
            if (withLabelled && !reader.hasLabelled()) {
                throw new InvalidInputException(file + ": semi-supervised training needs a 'labelled' mask (run fieldvae label)");
            }
            if ((withTheta || withLabelled) && reader.parameters() == 0) {
                throw new InvalidInputException(file + ": has no 'generative_params' (theta)"
                        + (withLabelled ? " for its 'labelled' mask" : " to score against"));
            }
            return new TrainingFields(reader.output(0, reader.samples()),
                    withTheta || withLabelled ? reader.theta() : null, withLabelled ? reader.labelled() : null);
        }
    }
}
