package org.fieldvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(target, true, file -> {
            Files.writeString(file, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target is left");
        }
    }

    @Test
    void existingTargetIsReplacedOnlyWithOverwrite() throws IOException {
        Path target = dir.resolve("b.txt");
        AtomicFile.write(target, false, file -> Files.writeString(file, "one"));
        assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFile.write(target, false, file -> Files.writeString(file, "two")));
        assertEquals("one", Files.readString(target));
        AtomicFile.write(target, true, file -> Files.writeString(file, "two"));
        assertEquals("two", Files.readString(target));
    }

    @Test
    void resultIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("c.txt");
        AtomicFile.write(target, false, file -> Files.writeString(file, "x"));
        boolean plainReadable = Files.getPosixFilePermissions(plain).contains(PosixFilePermission.OTHERS_READ);
        assertEquals(plainReadable, Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ));
        assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE));
    }
}
