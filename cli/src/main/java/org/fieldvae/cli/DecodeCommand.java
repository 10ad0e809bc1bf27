package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;
import org.fieldvae.field.DatasetShape;
import org.fieldvae.field.DatasetWriter;
import org.fieldvae.field.Precision;
import org.fieldvae.latent.LatentFile;
import org.fieldvae.vae.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae decode}: fields mu(z) from latent codes, for generation and reduced-order modelling. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fields from latent codes.",
            "Decodes latent codes (CSV columns z_mean_1..n, as fieldvae encode writes them, or z_1..n) "
                + "into fields with a trained model, and writes them as 'output' (N x 3 x n x n) of an HDF5 file."})
final class DecodeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model zip from fieldvae train.")
    Path model;

    @Option(names = "--latents", required = true, description = "CSV of latent codes.")
    Path latents;

    @Option(names = "--out", defaultValue = "decoded.hdf5", description = "HDF5 file to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        output.check(out, OutputOptions.input("--model", model), OutputOptions.input("--latents", latents));
        try (OutputOptions.Locks locks = OutputOptions.lock(out); TrainedModel trained = TrainedModel.load(model)) {
            double[][] z = readLatents(latents, trained.settings().architecture().latent());
            float[][][][] fields = trained.decode(z);
            Map<String, String> attributes = new LinkedHashMap<>(Provenance.current().asMap());
            attributes.put("decoded_from", latents.toString());
            attributes.put("model", model.toString());
            DatasetShape shape = new DatasetShape(z.length, 0, trained.settings().architecture().grid(), false, true, false,
                    Precision.FLOAT32);
            try (DatasetWriter writer = DatasetWriter.create(out, shape, attributes, output.force)) {
                writer.append(null, null, fields);
                writer.commit();
            }
            System.err.printf("wrote %d decoded fields to %s%n", z.length, out);
        }
        return 0;
    }

    /** The latent columns (z_mean_i, else z_i, i = 1..latent) of a latent table, [row][latent]. */
    static double[][] readLatents(Path csv, int latent) {
        LatentFile table = LatentFile.read(csv);
        if (table.rows() < 1) {
            throw new InvalidInputException(csv + ": needs a header row and at least one row of latent codes");
        }
        List<String> columns = new ArrayList<>();
        for (String mean : LatentFile.means(latent)) {
            String plain = "z_" + mean.substring(LatentFile.MEAN_PREFIX.length());
            if (!table.has(mean) && !table.has(plain)) {
                throw new InvalidInputException(csv + ": no column " + mean + " (or " + plain + "); the model has "
                        + latent + " latent dimensions");
            }
            columns.add(table.has(mean) ? mean : plain);
        }
        double[][] z = table.columns(columns, "latent");
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < latent; i++) {
                if (!Double.isFinite(z[r][i])) {
                    throw new InvalidInputException(csv + ", row " + (r + 1) + ": column " + columns.get(i) + " is not finite");
                }
            }
        }
        return z;
    }
}
