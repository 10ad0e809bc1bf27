package org.fieldvae.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fieldvae} command line: one subcommand per stage, each a thin shell over one engine class.
 * Exit codes: 0 success, 2 bad input (one line on stderr naming the setting or file), 1 internal error.
 */
@Command(name = "fieldvae", mixinStandardHelpOptions = true, versionProvider = FieldVaeCommand.Version.class,
        description = "Disentangling generative factors of physical fields with variational autoencoders.",
        subcommands = {CommandLine.HelpCommand.class})
public final class FieldVaeCommand implements Runnable {

    /** Exit code for input the user can fix. */
    static final int BAD_INPUT = 2;
    /** Exit code for a fault of FieldVAE itself. */
    static final int INTERNAL_ERROR = 1;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see --help)");
    }

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        PeakMemory.reportIfAsked();
        System.exit(exit);
    }

    /** The command line with every subcommand and the exit-code mapping, as tests run it. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FieldVaeCommand());
        for (Object sub : Subcommands.all()) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler(FieldVaeCommand::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (isBadInput(e)) {
            err.println("fieldvae " + cli.getCommandName() + ": " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        if (e instanceof CancelledException) {
            err.println("fieldvae " + cli.getCommandName() + ": cancelled");
            return INTERNAL_ERROR;
        }
        err.println("fieldvae " + cli.getCommandName() + ": internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL_ERROR;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof InvalidInputException
                || e instanceof UncheckedIOException;
    }

    private static String oneLine(String message) {
        return message == null ? "bad input" : message.replace('\n', ' ');
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Provenance p = Provenance.current();
            return new String[] {"FieldVAE " + p.fieldvaeVersion(), "Java " + p.javaVersion() + " on " + p.os() + " " + p.arch()};
        }
    }
}
