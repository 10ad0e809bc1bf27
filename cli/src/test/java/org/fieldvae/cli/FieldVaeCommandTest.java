package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class FieldVaeCommandTest {

    @Test
    void unknownCommandIsBadInput() {
        CommandLine cli = FieldVaeCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(FieldVaeCommand.BAD_INPUT, cli.execute("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }

    @Test
    void versionNamesFieldVae() {
        CommandLine cli = FieldVaeCommand.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().startsWith("FieldVAE "), out.toString());
    }
}
