package org.fieldvae.knime.support.vae;

/**
 * One step of the piecewise-constant learning rate: {@code rate} holds from epoch {@code fromEpoch} (0-based, as the
 * trainer counts) until the next step's epoch. The paper's plain VAE: 5e-4 from 0, 1e-4 from 5900 (docs/paper-facts.md,
 * "Training schedule").
 *
 * @param fromEpoch first epoch of the step, 0-based, at least 0
 * @param rate Adam's learning rate, positive
 */
public record RateStep(int fromEpoch, double rate) {
}
