package org.fieldvae.vae;

/**
 * Which mean and variance the batch-norm layers of a trained model normalise with at inference (encoding,
 * decoding, scoring). Training always normalises with each minibatch's own statistics.
 */
public enum BatchNormStatistics {
    /**
     * The running averages kept during training, r <- 0.9 r + 0.1 s per minibatch (PyTorch's, the authors'):
     * an average over the last ten or so minibatches, which for small minibatches is a noisy estimate.
     */
    RUNNING,
    /**
     * Population statistics, recomputed after the last epoch from the finished weights: training-mode passes
     * over the training set in minibatches of {@link VaeTrainer#POPULATION_BATCH}, until the running averages
     * hold only them (Ioffe and Szegedy, Batch normalization, ICML 2015, Algorithm 2: inference uses
     * statistics averaged over the training set). Measured at 17 x 17 with minibatches of 8: held-out -ELBO
     * -3,967 nats per field with {@link #RUNNING}, -4,992 with these, from the same weights (docs/learner.md).
     */
    POPULATION
}
