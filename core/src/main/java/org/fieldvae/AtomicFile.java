package org.fieldvae;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files that appear complete or not at all: the content goes to a hidden temporary file beside the
 * target, which is moved onto the target only when it is complete. A failure part-way leaves whatever
 * was at the target untouched. Every output gets mode 0644 (owner writes, everyone reads) before it is
 * moved, whatever created the temporary file, so all outputs of a run look alike (docs/cli-contract.md).
 * A temporary file left by a killed writer is removed by {@link #removeStaleTemps} once the next writer of
 * the same target holds its {@link OutputLock}.
 */
public final class AtomicFile {
    /** The mode of every output file: rw-r--r--. */
    public static final Set<PosixFilePermission> OUTPUT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /** Writes the content of a file at a path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Creates an empty hidden file {@code .<name>.<random>.tmp} beside the target. Unlike
     * {@link Files#createTempFile}, it gets the permissions of any new file (the umask), so the moved
     * result is readable by collaborators as they expect.
     */
    public static Path createTempBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            String name = tempPrefix(absolute) + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp";
            try {
                return Files.createFile(absolute.resolveSibling(name));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves a complete temporary file onto its target, atomically where the file system allows.
     *
     * @throws FileAlreadyExistsException if the target exists and {@code overwrite} is false
     */
    public static void moveIntoPlace(Path temp, Path target, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; use --force to replace it");
        }
        setOutputMode(temp);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
    }

    /** Writes a whole file through a temporary one; the temporary file is gone afterwards, whatever happens. */
    public static void write(Path target, boolean overwrite, Content content) throws IOException {
        Path temp = createTempBeside(target);
        try {
            content.writeTo(temp);
            moveIntoPlace(temp, target, overwrite);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Gives a file (or folder: plus x) mode 0644 where the file system has POSIX permissions. */
    public static void setOutputMode(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        if (Files.isDirectory(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
            Files.setPosixFilePermissions(file, OUTPUT_MODE);
        }
    }

    /**
     * Deletes the temporary files {@code .<name>.<random>.tmp} of {@code target} that a killed writer left
     * (and nothing else: other names' temporary files stay). Call it only while holding the target's
     * {@link OutputLock}: every writer of the target holds that lock, so no live writer owns one of these.
     *
     * @return the files removed
     */
    public static List<Path> removeStaleTemps(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        List<Path> removed = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        String prefix = tempPrefix(absolute);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, entry -> isTempOf(entry, prefix))) {
            for (Path temp : entries) {
                deleteTree(temp);
                removed.add(temp);
            }
        } catch (IOException e) {
            // a stale temporary file that cannot be listed or removed harms nothing but disk space
        }
        return removed;
    }

    private static boolean isTempOf(Path entry, String prefix) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(".tmp")) {
            return false;
        }
        // the random part is base 36 without dots, so ".a.zip.x1.tmp" is not taken for a temp of ".a"
        String random = name.substring(prefix.length(), name.length() - ".tmp".length());
        return !random.isEmpty() && random.chars().allMatch(Character::isLetterOrDigit);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path c : children) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /** {@code .<name>.}, the start of every temporary file of a target. */
    static String tempPrefix(Path absoluteTarget) {
        return "." + absoluteTarget.getFileName() + ".";
    }

    /** Deletes a temporary file if it is still there; a failure to delete is not worth masking the real error. */
    public static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a hidden temporary file left behind is harmless; the caller's own error, if any, matters more
        }
    }
}
