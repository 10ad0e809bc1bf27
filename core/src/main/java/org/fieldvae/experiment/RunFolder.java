package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fieldvae.InvalidInputException;
import org.fieldvae.vae.VaeTrainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The names of the files of a run folder (the contract between the run, the report and the sweep) and the
 * few operations on a folder as a whole. Every file is written to a temporary name and moved into place,
 * so a file that is present is complete.
 */
public final class RunFolder {
    /** The {@link RunSettings} (snake_case keys) plus {@code provenance}; written first. */
    public static final String RUN_JSON = "run.json";
    /** The training set (Latin hypercube) with its {@code labelled} mask. */
    public static final String TRAIN = "train.hdf5";
    /** The test set (Monte Carlo). */
    public static final String TEST = "test.hdf5";
    /** The trained model zip. */
    public static final String MODEL = "model.zip";
    /** The per-epoch training history. */
    public static final String HISTORY = "history.csv";
    /** The trainer's checkpoint folder (holding {@link VaeTrainer#CHECKPOINT}); kept for resume. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Latents of the training set, in the format of {@code fieldvae encode}. */
    public static final String LATENTS_TRAIN = "latents-train.csv";
    /** Latents of the test set. */
    public static final String LATENTS_TEST = "latents-test.csv";
    /** Scores of the test latents, in the format of {@code fieldvae score}. */
    public static final String SCORES = "scores.json";
    /** The report folder ({@code index.html} and PNGs). */
    public static final String REPORT = "report";

    /** Every file and folder a run writes, in the order it writes them (the report last). */
    public static final List<String> ALL = List.of(RUN_JSON, TRAIN, TEST, CHECKPOINTS, HISTORY, MODEL, LATENTS_TRAIN,
            LATENTS_TEST, SCORES, REPORT);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolder() {
    }

    /**
     * The settings recorded in a folder's {@code run.json}.
     *
     * @throws InvalidInputException naming the file when it cannot be read or does not hold run settings
     */
    public static RunSettings readSettings(Path dir) {
        Path file = dir.resolve(RUN_JSON);
        try {
            Map<String, Object> map = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
            });
            return RunSettings.fromMap(map);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whether the folder is missing or holds nothing (hidden temporary files included). */
    public static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Deletes the files and folders of {@link #ALL} and leftover temporary files of a previous run, and
     * nothing else: a user's own files in the folder stay.
     */
    public static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            for (String name : ALL) {
                deleteTree(dir.resolve(name));
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
            }
            Files.deleteIfExists(dir.resolve(ExperimentRun.UNLABELLED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
