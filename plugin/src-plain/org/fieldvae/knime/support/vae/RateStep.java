package org.fieldvae.knime.support.vae;

import java.util.List;

/**
 * One step of the piecewise-constant learning rate: {@code rate} holds from epoch {@code fromEpoch} (0-based, as the
 * trainer counts) until the next step's epoch. The paper's plain VAE: 5e-4 from 0, 1e-4 from 5900 (docs/paper-facts.md,
 * "Training schedule").
 *
 * @param fromEpoch first epoch of the step, 0-based, at least 0
 * @param rate Adam's learning rate, positive
 */
public record RateStep(int fromEpoch, double rate) {


    /**
     * @param steps the steps, the first from epoch 0, epochs increasing
     * @return the epochs at which the rate changes (every step's but the first's)
     * @throws IllegalArgumentException naming the dialog option and the step that is out of order
     */
    static int[] boundaries(final List<RateStep> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(LearnerOptions.LEARNING_RATE + ": no step; give at least one rate from epoch 0");
        }
        if (steps.get(0).fromEpoch() != 0) {
            throw new IllegalArgumentException(LearnerOptions.LEARNING_RATE + ": the first step starts at epoch "
                + steps.get(0).fromEpoch() + ": must start at epoch 0");
        }
        final int[] boundaries = new int[steps.size() - 1];
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).fromEpoch() <= steps.get(i - 1).fromEpoch()) {
                throw new IllegalArgumentException(LearnerOptions.LEARNING_RATE + ": step " + (i + 1) + " starts at epoch "
                    + steps.get(i).fromEpoch() + ": must start after step " + i + " (epoch "
                    + steps.get(i - 1).fromEpoch() + ")");
            }
            boundaries[i - 1] = steps.get(i).fromEpoch();
        }
        return boundaries;
    }
}
