package org.fieldvae.cli;

import org.fieldvae.vae.RunOptions;

import picocli.CommandLine.Option;

/** {@code quickstart}'s option of the trial's {@link RunOptions} (its checkpoint interval stays the quickstart's). */
final class RunSeedArgs {

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the whole trial (default ${DEFAULT-VALUE}).")
    long seed = 1;
}
