package org.fieldvae.vae;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.latent.LatentFile;

/**
 * Encodes a dataset into the latent table of {@link LatentFile} (columns and format are its): the CSV of
 * {@code fieldvae encode} and of a run folder's {@code latents-*.csv}. Encoded with batch norm in inference
 * mode, so the same model gives the same file.
 */
public final class LatentCsv {
    /** Samples encoded at once: bounds the memory whatever the dataset's size. */
    static final int CHUNK = 256;

    private LatentCsv() {
    }

    /**
     * Encodes the {@code output} fields of a dataset and writes the CSV through a temporary file moved into
     * place.
     *
     * @return the number of rows written
     * @throws InvalidInputException when the dataset has no {@code output}
     */
    public static int write(Path target, boolean overwrite, TrainedModel model, DatasetReader reader,
            Progress progress) {
        if (!reader.hasOutput()) {
            throw new InvalidInputException(reader.path() + ": has no 'output' dataset (the fields to encode)");
        }
        double[][] theta = reader.parameters() > 0 ? reader.theta() : null;
        boolean[] labelled = reader.hasLabelled() ? reader.labelled() : null;
        int samples = reader.samples();
        try {
            AtomicFile.write(target, overwrite, file -> {
                try (BufferedWriter w = Files.newBufferedWriter(file)) {
                    w.write(LatentFile.header(model.settings().architecture().latent(), theta == null ? 0 : theta[0].length, labelled != null));
                    for (int from = 0; from < samples; from += CHUNK) {
                        progress.checkCancelled();
                        int count = Math.min(CHUNK, samples - from);
                        float[][][][] fields = reader.output(from, count);
                        requireFinite(reader, fields, from);
                        writeRows(w, model.encode(fields), theta, labelled, from);
                        progress.report((double) (from + count) / samples, "encoded " + (from + count) + "/" + samples);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + org.fieldvae.IoReason.of(e), e);
        }
        return samples;
    }

    /**
     * Rejects non-finite fields as training does ({@link TrainingData}): the encoder would turn them into
     * NaN latents that every later stage trips over.
     */
    private static void requireFinite(DatasetReader reader, float[][][][] fields, int from) {
        for (int s = 0; s < fields.length; s++) {
            for (float[][] channel : fields[s]) {
                for (float[] row : channel) {
                    for (float v : row) {
                        if (!Float.isFinite(v)) {
                            throw new InvalidInputException(reader.path() + ": sample " + (from + s)
                                    + " of 'output' has a non-finite value (" + v + ")");
                        }
                    }
                }
            }
        }
    }

    private static void writeRows(BufferedWriter w, Encoding e, double[][] theta, boolean[] labelled, int from)
            throws IOException {
        double[][] mean = e.mean();
        double[][] logVariance = e.logVariance();
        for (int s = 0; s < mean.length; s++) {
            w.write(LatentFile.row(mean[s], logVariance[s], theta == null ? null : theta[from + s],
                    labelled == null ? null : labelled[from + s]));
        }
    }
}
