package org.fieldvae.cli;

import org.fieldvae.vae.RunOptions;

import picocli.CommandLine.Option;

/** {@code train}'s options of the {@link RunOptions} record, one help section. */
final class RunArgs {

    @Option(names = "--seed", description = "Seed of initialisation, shuffling and noise (default 1).")
    long seed = 1;

    @Option(names = "--checkpoint-every", description = "Epochs between checkpoints (default 100).")
    Integer checkpointEvery;

    RunOptions apply(RunOptions base) {
        RunOptions r = base.withSeed(seed);
        return checkpointEvery != null ? r.withCheckpointEvery(checkpointEvery) : r;
    }
}
