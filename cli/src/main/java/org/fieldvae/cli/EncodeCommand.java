package org.fieldvae.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.vae.Encoding;
import org.fieldvae.vae.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae encode}: the latent mean and log-variance of q(z|y) for every sample of a dataset. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent codes of a dataset's fields.",
            "Encodes the 'output' fields of a dataset with a trained model. Writes a CSV with",
            "z_mean_1..n, z_logvar_1..n and, when the dataset has them, theta_1..p and labelled."})
final class EncodeCommand implements Callable<Integer> {
    private static final int CHUNK = 256;

    @Option(names = "--model", required = true, description = "Model zip from fieldvae train.")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset (HDF5 with 'output').")
    Path data;

    @Option(names = "--out", defaultValue = "latents.csv", description = "CSV to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws IOException {
        output.check(out);
        try (TrainedModel trained = TrainedModel.load(model); DatasetReader reader = DatasetReader.open(data)) {
            if (!reader.hasOutput()) {
                throw new InvalidInputException(data + ": has no 'output' dataset (the fields to encode)");
            }
            double[][] theta = reader.parameters() > 0 ? reader.theta() : null;
            boolean[] labelled = reader.hasLabelled() ? reader.labelled() : null;
            AtomicFile.write(out, output.force, file -> {
                try (BufferedWriter w = Files.newBufferedWriter(file)) {
                    int latent = trained.settings().latent();
                    w.write(header(latent, theta == null ? 0 : theta[0].length, labelled != null));
                    for (int from = 0; from < reader.samples(); from += CHUNK) {
                        int count = Math.min(CHUNK, reader.samples() - from);
                        writeRows(w, trained.encode(reader.output(from, count)), theta, labelled, from);
                    }
                }
            });
            System.err.printf("wrote %d latent codes to %s%n", reader.samples(), out);
        }
        return 0;
    }

    static String header(int latent, int parameters, boolean labelled) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= latent; i++) {
            b.append(b.length() == 0 ? "" : ",").append("z_mean_").append(i);
        }
        for (int i = 1; i <= latent; i++) {
            b.append(",z_logvar_").append(i);
        }
        for (int i = 1; i <= parameters; i++) {
            b.append(",theta_").append(i);
        }
        return b.append(labelled ? ",labelled" : "").append('\n').toString();
    }

    private static void writeRows(BufferedWriter w, Encoding e, double[][] theta, boolean[] labelled, int from)
            throws IOException {
        double[][] mean = e.mean();
        double[][] logVariance = e.logVariance();
        for (int s = 0; s < mean.length; s++) {
            StringBuilder b = new StringBuilder();
            append(b, mean[s]);
            append(b, logVariance[s]);
            if (theta != null) {
                append(b, theta[from + s]);
            }
            if (labelled != null) {
                b.append(',').append(labelled[from + s] ? 1 : 0);
            }
            w.write(b.substring(1));
            w.write('\n');
        }
    }

    private static void append(StringBuilder b, double[] values) {
        for (double v : values) {
            b.append(',').append(String.format(Locale.ROOT, "%.9g", v));
        }
    }
}
