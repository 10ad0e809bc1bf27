package org.fieldvae.knime.support.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.fieldvae.Progress;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.VaeSettings;
import org.fieldvae.vae.VaeTrainer;

/**
 * The VAE Learner's training with resume: a run folder keeps the engine's checkpoint ({@value VaeTrainer#CHECKPOINT})
 * and a key of the settings and the data that produced it. Training again with the same key continues from the
 * checkpoint ({@link VaeTrainer#resume}, which takes exactly the steps an uninterrupted run takes); any other key
 * discards it and starts afresh, so a checkpoint is never continued with other settings or other data.
 *
 * <p>The folder outlives a node reset and a cancelled execution; {@link #copy} moves its two files to and from the
 * node's internals folder so that an executed node keeps them across a workflow save.
 */
public final class TrainingRun {

    /** The key file beside the checkpoint. */
    public static final String KEY = "run.key";

    /** The files of a run folder. */
    static final List<String> FILES = List.of(VaeTrainer.CHECKPOINT, KEY);

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
     * @param settings the run's settings
     * @param data the run's training data
     * @return SHA-256 (hex) of the settings and of every field value, theta and label, in order
     */
    public static String key(final VaeSettings settings, final TrainingData data) {
        final MessageDigest sha = sha256();
        sha.update(settings.toString().getBytes(StandardCharsets.UTF_8));
        final ByteBuffer row = ByteBuffer.allocate(Float.BYTES * data.fields()[0][0][0].length);
        for (final float[][][] sample : data.fields()) {
            for (final float[][] channel : sample) {
                for (final float[] line : channel) {
                    row.clear();
                    row.asFloatBuffer().put(line);
                    sha.update(row.array(), 0, Float.BYTES * line.length);
                }
            }
        }
        if (data.theta() != null) {
            final ByteBuffer theta = ByteBuffer.allocate(Double.BYTES);
            for (final double[] t : data.theta()) {
                for (final double v : t) {
                    theta.clear();
                    theta.putDouble(v);
                    sha.update(theta.array());
                }
            }
        }
        if (data.labelled() != null) {
            for (final boolean l : data.labelled()) {
                sha.update((byte)(l ? 1 : 0));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Resumes the run in {@code dir} if its key is this run's, otherwise trains from scratch there.
     *
     * @param settings the run's settings
     * @param data the run's training data
     * @param dir the run folder, created if absent
     * @param progress progress and cancellation
     * @return the model and whether it was resumed
     */
    public static Outcome trainOrResume(final VaeSettings settings, final TrainingData data, final Path dir,
        final Progress progress) {
        final String key = key(settings, data);
        try {
            Files.createDirectories(dir);
            if (canResume(dir, key)) {
                return new Outcome(VaeTrainer.resume(dir, data, progress), true);
            }
            for (final String f : FILES) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.writeString(dir.resolve(KEY), key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("training run folder " + dir, e);
        }
        return new Outcome(VaeTrainer.train(settings, data, dir, progress), false);
    }

    /**
     * @param dir a run folder
     * @param key this run's {@link #key}
     * @return true if the folder holds a checkpoint written under this key
     */
    public static boolean canResume(final Path dir, final String key) {
        try {
            final Path keyFile = dir.resolve(KEY);
            return Files.isRegularFile(dir.resolve(VaeTrainer.CHECKPOINT)) && Files.isRegularFile(keyFile)
                && key.equals(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false; // an unreadable key is no key: the run starts afresh
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
