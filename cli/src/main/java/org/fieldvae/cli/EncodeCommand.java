package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.fieldvae.Progress;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.vae.LatentCsv;
import org.fieldvae.vae.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae encode}: the latent mean and log-variance of q(z|y) for every sample of a dataset. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent codes of a dataset's fields.",
            "Encodes the 'output' fields of a dataset with a trained model. Writes a CSV with "
                + "z_mean_1..n, z_logvar_1..n and, when the dataset has them, theta_1..p and labelled."})
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model zip from fieldvae train.")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset (HDF5 with 'output').")
    Path data;

    @Option(names = "--out", defaultValue = "latents.csv", description = "CSV to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        output.check(out, OutputOptions.input("--model", model), OutputOptions.input("--data", data));
        try (OutputOptions.Locks locks = OutputOptions.lock(out); TrainedModel trained = TrainedModel.load(model);
                DatasetReader reader = DatasetReader.open(data)) {
            int rows = LatentCsv.write(out, output.force, trained, reader, Progress.NONE);
            System.err.printf("wrote %d latent codes to %s%n", rows, out);
        }
        return 0;
    }
}
