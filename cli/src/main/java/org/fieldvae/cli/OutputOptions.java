package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * {@code --out} and {@code --force}, shared by every command that writes a file. The checks run before
 * any long work starts, so a user learns of a bad path at once rather than after the computation.
 */
final class OutputOptions {

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    /**
     * @param out the output path the command will write
     * @return the path, once it is known to be writable
     * @throws IllegalArgumentException naming the path when its directory is missing or it exists without --force
     */
    Path check(Path out) {
        Path absolute = out.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + out + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--out " + out + ": is a directory");
        }
        if (Files.exists(absolute) && !force) {
            throw new IllegalArgumentException("--out " + out + ": exists already (use --force to replace it)");
        }
        return out;
    }
}
