package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;

/**
 * The files a sweep folder holds beside its trial folders that make the folder the only state a sweep needs
 * (a cluster's shared file system): the copy of the spec, whose trial list gives every trial its index (the
 * same index the local pool and a SLURM array task use), and per trial the reason of its last failure.
 */
public final class SweepFolder {
    /** The spec the folder's trials come from, as written; its trial order defines the trial indices. */
    public static final String SPEC = "sweep.spec";
    /** Inside a trial folder: why the last attempt failed (one line); gone once an attempt starts. */
    public static final String FAILURE = "sweep-failure.txt";

    private SweepFolder() {
    }

    /**
     * The spec recorded in the folder.
     *
     * @throws InvalidInputException when the folder holds no {@value #SPEC} or it is not a valid spec
     */
    public static SweepSpec readSpec(Path dir) {
        Path file = dir.resolve(SPEC);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + " holds no sweep (" + SPEC + " is missing); give the --out of a "
                    + "sweep that was run or submitted");
        }
        return SweepSpec.read(file);
    }

    /** The recorded spec, or empty when the folder holds none. */
    public static Optional<SweepSpec> recordedSpec(Path dir) {
        return Files.isRegularFile(dir.resolve(SPEC)) ? Optional.of(readSpec(dir)) : Optional.empty();
    }

    /** Records the spec (replacing an earlier one), atomically. */
    public static void writeSpec(Path dir, SweepSpec spec) {
        Path file = dir.resolve(SPEC);
        try {
            Files.createDirectories(dir);
            AtomicFile.write(file, true, f -> Files.writeString(f, spec.text(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether two specs give the same trials in the same order (names and settings), so indices agree. */
    public static boolean sameTrials(SweepSpec a, SweepSpec b) {
        List<SweepSpec.Trial> x = a.trials();
        List<SweepSpec.Trial> y = b.trials();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).name().equals(y.get(i).name()) || !x.get(i).settings().equals(y.get(i).settings())) {
                return false;
            }
        }
        return true;
    }

    /** The trial of an index, checked against the list. */
    public static SweepSpec.Trial trial(SweepSpec spec, int index) {
        List<SweepSpec.Trial> trials = spec.trials();
        if (index < 0 || index >= trials.size()) {
            throw new InvalidInputException("--index " + index + ": the sweep has trials 0.." + (trials.size() - 1));
        }
        return trials.get(index);
    }

    /** Whether a trial folder holds a finished run (its last file, the scores, is present). */
    public static boolean isDone(Path trialDir) {
        return Files.isRegularFile(trialDir.resolve(RunFolder.SCORES));
    }

    /** The recorded failure of the trial's last attempt, or empty. */
    public static Optional<String> failure(Path trialDir) {
        Path file = trialDir.resolve(FAILURE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    static void recordFailure(Path trialDir, String message) {
        Path file = trialDir.resolve(FAILURE);
        try {
            Files.createDirectories(trialDir);
            AtomicFile.write(file, true, f -> Files.writeString(f, message.replace('\n', ' ') + "\n",
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the failure is also in the summary and the log; a missing record only makes status less specific
        }
    }

    static void clearFailure(Path trialDir) {
        try {
            Files.deleteIfExists(trialDir.resolve(FAILURE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + trialDir.resolve(FAILURE), e);
        }
    }
}
