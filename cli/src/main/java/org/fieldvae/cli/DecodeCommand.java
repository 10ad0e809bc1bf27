package org.fieldvae.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.fieldvae.vae.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae decode}: fields mu(z) from latent codes, for generation and reduced-order modelling. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fields from latent codes.",
            "Decodes latent codes (CSV columns z_mean_1..n, as fieldvae encode writes them, or z_1..n)",
            "into fields with a trained model, and writes them as 'output' (N x 3 x n x n) of an HDF5 file."})
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
            double[][] z = readLatents(latents, trained.settings().latent());
            float[][][][] fields = trained.decode(z);
            Map<String, String> attributes = new LinkedHashMap<>(Provenance.current().asMap());
            attributes.put("decoded_from", latents.toString());
            attributes.put("model", model.toString());
            DatasetShape shape = new DatasetShape(z.length, 0, trained.settings().grid(), false, true, false,
                    Precision.FLOAT32);
            try (DatasetWriter writer = DatasetWriter.create(out, shape, attributes, output.force)) {
                writer.append(null, null, fields);
                writer.commit();
            }
            System.err.printf("wrote %d decoded fields to %s%n", z.length, out);
        }
        return 0;
    }

    /** The latent columns (z_mean_i, else z_i, i = 1..latent) of a CSV with a header row. */
    static double[][] readLatents(Path csv, int latent) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        if (lines.size() < 2) {
            throw new InvalidInputException(csv + ": needs a header row and at least one row of latent codes");
        }
        String[] header = lines.get(0).split(",", -1);
        int[] columns = latentColumns(csv, header, latent);
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != header.length) {
                // a row cut short is the usual sign of a truncated file
                throw new InvalidInputException(csv + ", line " + (r + 1) + ": " + cells.length + " columns, the header has "
                        + header.length + " (a truncated or damaged file?)");
            }
            rows.add(parseRow(csv, r + 1, cells, columns));
        }
        return rows.toArray(new double[0][]);
    }

    private static int[] latentColumns(Path csv, String[] header, int latent) {
        int[] columns = new int[latent];
        for (int i = 0; i < latent; i++) {
            columns[i] = indexOf(header, "z_mean_" + (i + 1));
            if (columns[i] < 0) {
                columns[i] = indexOf(header, "z_" + (i + 1));
            }
            if (columns[i] < 0) {
                throw new InvalidInputException(csv + ": no column z_mean_" + (i + 1) + " (or z_" + (i + 1)
                        + "); the model has " + latent + " latent dimensions");
            }
        }
        return columns;
    }

    private static double[] parseRow(Path csv, int line, String[] cells, int[] columns) {
        double[] row = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            try {
                row[i] = Double.parseDouble(cells[columns[i]].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException(csv + ", line " + line + ": column " + (columns[i] + 1)
                        + " is not a number");
            }
            if (!Double.isFinite(row[i])) {
                throw new InvalidInputException(csv + ", line " + line + ": column " + (columns[i] + 1) + " is not finite");
            }
        }
        return row;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
