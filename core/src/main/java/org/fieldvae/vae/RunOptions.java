package org.fieldvae.vae;

import org.fieldvae.Check;

/**
 * What makes a training run reproducible and resumable without changing the model it trains toward. One
 * of the groups of {@link VaeSettings}.
 *
 * @param seed            seed of initialisation, shuffling and the reparameterisation noise
 * @param checkpointEvery write a checkpoint every this many epochs (and at the end), >= 1; the only setting a
 *                        resumed run may change ({@link ResumeRule})
 */
public record RunOptions(long seed, int checkpointEvery) {

    public RunOptions {
        Check.atLeast("checkpointEvery", checkpointEvery, 1);
    }

    /** Seed 1, a checkpoint every 100 epochs. */
    public static RunOptions defaults() {
        return new RunOptions(1L, 100);
    }

    public RunOptions withSeed(long value) {
        return new RunOptions(value, checkpointEvery);
    }

    public RunOptions withCheckpointEvery(int epochs) {
        return new RunOptions(seed, epochs);
    }
}
