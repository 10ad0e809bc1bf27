package org.fieldvae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fieldvae.IoReason;
import org.fieldvae.OutputLock;

import picocli.CommandLine.Option;

/**
 * {@code --out} and {@code --force}, shared by every command that writes a file. The checks run before
 * any long work starts, so a user learns of a bad path at once rather than after the computation: the
 * folder must exist, an existing file needs {@code --force}, and no output may be the same file as an
 * input (by {@link Files#isSameFile}, so also through a symbolic or hard link), with {@code --force} or
 * not, because the output is written before the command is done reading its inputs
 * (docs/cli-contract.md).
 */
final class OutputOptions {

    @Option(names = "--force", description = "Replace an existing output file (never an input of the same command).")
    boolean force;

    /** An input file of a command, with the option that named it. */
    record Input(String option, Path path) {
    }

    static Input input(String option, Path path) {
        return new Input(option, path);
    }

    /**
     * @param out the output path the command will write
     * @param inputs the command's input files (null paths are skipped)
     * @return the path, once it is known to be writable and no input
     * @throws IllegalArgumentException naming the path when its directory is missing, it exists without
     *         --force, or it is one of the inputs
     */
    Path check(Path out, Input... inputs) {
        return check("--out", out, inputs);
    }

    /** {@link #check(Path, Input...)} for an output named by another option (e.g. {@code --history}). */
    Path check(String option, Path out, Input... inputs) {
        Path absolute = out.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + out + ": cannot write it: "
                    + (Files.exists(dir) ? dir + " is not a directory" : "no such directory " + dir));
        }
        refuseInputs(option, out, inputs);
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(option + " " + out + ": is a directory");
        }
        if (Files.exists(absolute) && !force) {
            throw new IllegalArgumentException(option + " " + out + ": exists already (use --force to replace it)");
        }
        return out;
    }

    /** @throws IllegalArgumentException naming both when {@code out} is the same file as an input */
    static void refuseInputs(String option, Path out, Input... inputs) {
        for (Input input : inputs) {
            if (input.path() != null && sameFile(out, input.path())) {
                throw new IllegalArgumentException(option + " " + out + " is the same file as " + input.option() + " "
                        + input.path() + "; writing it would destroy the input: choose another " + option);
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot compare " + a + " with " + b + ": " + IoReason.of(e), e);
        }
    }

    /**
     * Claims the outputs for this process ({@link OutputLock}): a second writer of any of them fails at once,
     * and temporary files that a killed writer of them left are removed.
     */
    static Locks lock(Path... outputs) {
        Locks locks = new Locks();
        try {
            for (Path output : outputs) {
                locks.held.add(OutputLock.acquire(output, output.toString()));
            }
            return locks;
        } catch (RuntimeException e) {
            locks.close();
            throw e;
        }
    }

    /** The locks of one command's outputs, released together. */
    static final class Locks implements AutoCloseable {
        private final List<OutputLock> held = new ArrayList<>();

        @Override
        public void close() {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).close();
            }
            held.clear();
        }
    }
}
