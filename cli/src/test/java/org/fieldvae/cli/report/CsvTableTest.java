package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fieldvae.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void malformedRowsNameFileLineAndColumn() throws IOException {
        Path csv = dir.resolve("h.csv");
        Files.writeString(csv, "epoch,L_REC\n1,2\n2,x\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTable.read(csv));
        assertTrue(e.getMessage().contains("h.csv line 3, column L_REC"), e.getMessage());
        Files.writeString(csv, "epoch,L_REC\n1\n");
        assertThrows(InvalidInputException.class, () -> CsvTable.read(csv));
        Files.writeString(csv, "epoch\n1\n");
        e = assertThrows(InvalidInputException.class, () -> CsvTable.read(csv).column("L_REG"));
        assertTrue(e.getMessage().contains("no column L_REG"), e.getMessage());
    }
}
