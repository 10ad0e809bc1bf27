package org.fieldvae.vae;

import java.util.Locale;

/**
 * Stops a training run that has diverged, before anything of it is saved. Training has diverged when
 * <ul>
 * <li>a minibatch's loss is not finite, or its magnitude exceeds {@link #EXPLODED_LOSS} (the step that
 * follows would overflow float32 weights), checked before the update is applied; or</li>
 * <li>a weight or batch-norm statistic is not finite, checked at the end of every epoch, so before every
 * checkpoint and before the trained model is returned.</li>
 * </ul>
 * Either way a {@link TrainingDivergedException} ends the run: the last checkpoint written is the last one
 * whose weights were all finite, and no model with non-finite weights is ever returned or saved
 * (docs/cli-contract.md).
 */
final class DivergenceGuard {
    /**
     * The loss magnitude taken as exploded: far beyond any loss of a model that still learns (the per-pixel
     * Gaussian negative log-likelihood of fields of unit scale is of order 1 to 1e3, the ELBO scale multiplies
     * it by the 12,675 values of a 65 x 65 x 3 field), yet far below float32's 3.4e38, where the weights the
     * next update produces overflow.
     */
    static final double EXPLODED_LOSS = 1e20;

    private DivergenceGuard() {
    }

    /**
     * @param epoch 0-based epoch of the minibatch
     * @throws TrainingDivergedException when the total loss is non-finite or exploded
     */
    static void checkLoss(int epoch, double learningRate, DenseVae.Losses losses) {
        double total = losses.total();
        if (!Double.isFinite(total) || Math.abs(total) > EXPLODED_LOSS) {
            String what = Double.isFinite(total) ? String.format(Locale.ROOT, "exploded to %.3g", total) : "is " + total;
            throw new TrainingDivergedException(epoch + 1, learningRate, String.format(Locale.ROOT,
                    "the loss %s (L_REC = %.3g, L_REG = %.3g)", what, losses.rec(), losses.reg()));
        }
    }

    /**
     * @param epoch 0-based epoch just finished
     * @param weights the trainable parameters, not modified
     * @param statistics the batch-norm running statistics, not modified
     * @throws TrainingDivergedException naming how many values are not finite
     */
    static void checkWeights(int epoch, double learningRate, float[] weights, float[] statistics) {
        int badWeights = nonFinite(weights);
        int badStatistics = nonFinite(statistics);
        if (badWeights + badStatistics > 0) {
            throw new TrainingDivergedException(epoch + 1, learningRate, String.format(Locale.ROOT,
                    "%d of %d weights and %d of %d batch-norm statistics are not finite", badWeights, weights.length,
                    badStatistics, statistics.length));
        }
    }

    /** The number of NaN and infinite values. */
    static int nonFinite(float[] values) {
        int count = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                count++;
            }
        }
        return count;
    }
}
