package org.fieldvae.knime.support.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.vae.ResumeRule;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.VaeSettings;
import org.fieldvae.vae.VaeTrainer;

/**
 * The VAE Learner's training with resume: a run folder keeps the engine's checkpoint ({@value VaeTrainer#CHECKPOINT}),
 * which carries the fingerprint of the settings, the data and the FieldVAE version that produced it. The engine's one
 * resume rule ({@link ResumeRule}, shared with {@code fieldvae train --resume} and sweep trials) decides: a checkpoint
 * with no differences is continued ({@link ResumeRule#resume}, which takes exactly the steps an uninterrupted run
 * takes). Where the command line refuses a mismatch, the node, whose user changed its settings or input on purpose,
 * discards the checkpoint and starts afresh, so a checkpoint is never continued with other settings or other data.
 *
 * <p>The folder outlives a node reset and a cancelled execution; {@link #copy} moves its file to and from the
 * node's internals folder so that an executed node keeps it across a workflow save.
 */
public final class TrainingRun {

    /** The files of a run folder. */
    static final List<String> FILES = List.of(VaeTrainer.CHECKPOINT);

    private TrainingRun() {
    }

    /**
     * What {@link #trainOrResume} did.
     *
     * @param model the trained model
     * @param resumed true if training continued from a checkpoint of the same settings and data
     */
    public record Outcome(TrainedModel model, boolean resumed) {
    }

    /**
     * Resumes the run in {@code dir} if {@link ResumeRule} finds no difference, otherwise trains from scratch there.
     *
     * @param settings the run's settings
     * @param data the run's training data
     * @param dir the run folder, created if absent
     * @param progress progress and cancellation
     * @return the model and whether it was resumed
     */
    public static Outcome trainOrResume(final VaeSettings settings, final TrainingData data, final Path dir,
        final Progress progress) {
        try {
            Files.createDirectories(dir);
            if (canResume(dir, settings, data)) {
                return new Outcome(ResumeRule.resume(dir, settings, data, progress), true);
            }
            for (final String f : FILES) {
                Files.deleteIfExists(dir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("training run folder " + dir, e);
        }
        return new Outcome(VaeTrainer.train(settings, data, dir, progress), false);
    }

    /**
     * @param dir a run folder
     * @param settings this run's settings
     * @param data this run's training data
     * @return true if the folder holds a readable checkpoint that {@link ResumeRule} lets this run continue
     */
    public static boolean canResume(final Path dir, final VaeSettings settings, final TrainingData data) {
        if (!Files.isRegularFile(dir.resolve(VaeTrainer.CHECKPOINT))) {
            return false;
        }
        try {
            return ResumeRule.differences(dir, settings, data).isEmpty();
        } catch (InvalidInputException e) {
            return false; // an unreadable checkpoint is no checkpoint: the run starts afresh
        }
    }

    /**
     * Copies the run files present in {@code from} to {@code to} (created if absent), replacing what is there;
     * files absent in {@code from} are removed from {@code to}, so the copy is the run as it is.
     *
     * @param from a run folder
     * @param to the target folder
     * @throws UncheckedIOException naming the folders if a copy fails
     */
    public static void copy(final Path from, final Path to) {
        try {
            Files.createDirectories(to);
            for (final String f : FILES) {
                if (Files.isRegularFile(from.resolve(f))) {
                    Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(to.resolve(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the training checkpoint from " + from + " to " + to, e);
        }
    }
}
