package org.fieldvae.knime.support.vae;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

import org.fieldvae.knime.support.model.ModelShape;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.Architecture;
import org.fieldvae.vae.PriorAndLoss;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.Schedule;
import org.fieldvae.vae.VaeSettings;

/**
 * A trained model as the bytes of the engine's model zip, which the KNIME model port carries, and back; plus the
 * port's shape and architecture text. The engine reads and writes model zips only as files, so each conversion goes
 * through a temporary file that is deleted afterwards.
 */
public final class ModelBytes {

    private ModelBytes() {
    }

    /**
     * @param model a trained model
     * @return the bytes of its model zip ({@link TrainedModel#save})
     */
    public static byte[] of(final TrainedModel model) {
        return withTempDir(dir -> {
            final Path zip = dir.resolve("model.zip");
            model.save(zip, false);
            return Files.readAllBytes(zip);
        });
    }

    /**
     * @param zip the bytes of a model zip
     * @return the model ({@link TrainedModel#load})
     * @throws org.fieldvae.InvalidInputException if the bytes are not a model zip
     */
    public static TrainedModel load(final InputStream zip) {
        return withTempDir(dir -> {
            final Path file = dir.resolve("model.zip");
            Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
            return TrainedModel.load(file);
        });
    }

    /**
     * @param s the model's settings
     * @return grid, channels, latent size and prior, the prior named as the CLI's {@code --prior}
     */
    public static ModelShape shape(final VaeSettings s) {
        final Architecture a = s.architecture();
        return new ModelShape(a.grid(), a.channels(), a.latent(), s.priorAndLoss().prior().name().toLowerCase(Locale.ROOT));
    }

    /**
     * @param model a trained model
     * @return a readable summary of its architecture for the port view
     */
    public static String architecture(final TrainedModel model) {
        final VaeSettings s = model.settings();
        final Architecture a = s.architecture();
        final Schedule t = s.schedule();
        return String.format(Locale.ROOT, "DenseVAE (paper Section 4.2)%n"
            + "input fields     %d x %d x %d%n"
            + "dense blocks     %s (encoder the first %d, decoder the rest)%n"
            + "growth rate      %d%n"
            + "initial features %d%n"
            + "latent dimension %d%n"
            + "prior            %s%n"
            + "initialisation   %s%n"
            + "loss scale       %s%n"
            + "parameters       %,d%n"
            + "epochs           %d (%d reconstruction-only), %s beta schedule, seed %d%n"
            + "backend          %s%n",
            a.channels(), a.grid(), a.grid(), Arrays.toString(a.blocks()), a.blocks().length / 2, a.growth(),
            a.initialFeatures(), a.latent(), prior(s.priorAndLoss()), a.init(), s.priorAndLoss().lossScale(),
            model.parameterCount(), t.epochs(), t.recEpochs(), s.beta().betaSchedule(), s.run().seed(),
            model.history().backend());
    }

    /** The prior, with the hierarchical prior's decoder (which the model records, issue #16). */
    static String prior(final PriorAndLoss p) {
        final String kind = p.prior().toString();
        return p.prior() == PriorKind.HIERARCHICAL ? kind + " (" + p.hpDecoder() + " decoder)" : kind;
    }

    private interface FileWork<T> {
        T run(Path dir) throws IOException;
    }

    private static <T> T withTempDir(final FileWork<T> work) {
        try {
            final Path dir = Files.createTempDirectory("fieldvae-model");
            try {
                return work.run(dir);
            } finally {
                try (var files = Files.list(dir)) {
                    for (final Path f : (Iterable<Path>)files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("model zip: cannot use a temporary file", e);
        }
    }
}
