package org.fieldvae.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.fieldvae.AtomicFile;
import org.fieldvae.IoReason;

/**
 * What happened in training: one record per epoch, the over-regularisation verdict and the backend.
 *
 * @param epochs          per-epoch losses, in order
 * @param overRegularised true when L_REG ended near 0 and the decoder's output hardly depends on the
 *                        latent code: by Theorem 1 of the paper the model then decodes every input to the
 *                        data mean
 * @param decodedSpread   variance across the training samples of the decoded latent means, summed over
 *                        pixels, divided by the same variance of the data (0: flat decoder, 1: full spread)
 * @param backend         the ND4J backend and native variant that ran
 */
public record TrainingHistory(List<EpochRecord> epochs, boolean overRegularised, double decodedSpread,
        String backend) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** A one-line verdict for the CLI and KNIME, or the empty string when nothing is wrong. */
    public String warning() {
        return overRegularised
                ? String.format(Locale.ROOT, "over-regularised: L_REG is near 0 and the decoded output is flat "
                        + "(spread %.3g of the data's); the model decodes every input to about the data mean "
                        + "(paper, Theorem 1)", decodedSpread)
                : "";
    }

    /** The epochs as CSV with header {@code epoch,L_REC,L_REG,L_LABEL,beta,lr,elapsed_s}. */
    public String toCsv() {
        StringBuilder b = new StringBuilder("epoch,L_REC,L_REG,L_LABEL,beta,lr,elapsed_s\n");
        for (EpochRecord r : epochs) {
            b.append(String.format(Locale.ROOT, "%d,%.9g,%.9g,%.9g,%.9g,%.9g,%.3f%n", r.epoch(), r.lossRec(),
                    r.lossReg(), r.lossLabel(), r.beta(), r.learningRate(), r.elapsedSeconds()));
        }
        return b.toString();
    }

    /** Writes {@link #toCsv()} to a temporary file beside {@code file} and moves it into place. */
    public void writeCsv(Path file) {
        try {
            AtomicFile.write(file, true, tmp -> Files.writeString(tmp, toCsv()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training history " + file + ": " + IoReason.of(e), e);
        }
    }
}
