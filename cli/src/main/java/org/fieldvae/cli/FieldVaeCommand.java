package org.fieldvae.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.fieldvae.CancelledException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.IoReason;
import org.fieldvae.Provenance;
import org.fieldvae.vae.TrainingDivergedException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fieldvae} command line: one subcommand per stage, each a thin shell over one engine class.
 * Exit codes (docs/cli-contract.md): 0 success, 2 bad input (one line on stderr naming the setting or
 * file), 3 training diverged (one line saying what to change), 130 stopped by Ctrl-C, 1 internal error.
 */
@Command(name = "fieldvae", mixinStandardHelpOptions = true, versionProvider = FieldVaeCommand.Version.class,
        description = "Disentangling generative factors of physical fields with variational autoencoders.",
        subcommands = {CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success", "  1    internal error (a fault of FieldVAE; the message and trace say where)",
            "  2    bad input: one line naming the option or file", "  3    training diverged: one line saying what to change",
            "  130  stopped by Ctrl-C; what is complete stays, and the same command continues"})
public final class FieldVaeCommand implements Runnable {

    /** Exit code for input the user can fix. */
    static final int BAD_INPUT = 2;
    /** Exit code for a fault of FieldVAE itself. */
    static final int INTERNAL_ERROR = 1;
    /** Exit code for a training run that diverged (non-finite or exploded loss or weights). */
    static final int DIVERGED = 3;
    /** Exit code for a run stopped by Ctrl-C (SIGINT), the shell's 128 + 2. */
    static final int INTERRUPTED = 130;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
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
        cli.setParameterExceptionHandler(FieldVaeCommand::handleOptionError);
        return cli;
    }

    /** An option error: one line naming it and where to look, not the whole usage text. */
    private static int handleOptionError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        cli.getErr().println(command + ": " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
        cli.getErr().flush();
        return BAD_INPUT;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String prefix = "fieldvae " + cli.getCommandName() + ": ";
        try {
            if (e instanceof DivergedException || e instanceof TrainingDivergedException) {
                err.println(prefix + oneLine(e.getMessage()));
                return DIVERGED;
            }
            if (e instanceof CancelledException) {
                // the command may say how to continue; otherwise the general promise
                String message = e.getMessage() != null && e.getMessage().startsWith("stopped") ? e.getMessage()
                        : "stopped (Ctrl-C); files already complete stay, nothing is half-written";
                err.println(prefix + oneLine(message));
                return INTERRUPTED;
            }
            if (e instanceof UncheckedIOException io) {
                err.println(prefix + oneLine(withReason(io)));
                return BAD_INPUT;
            }
            if (isBadInput(e)) {
                err.println(prefix + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            err.println(prefix + "internal error: " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            err.flush();
        }
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof InvalidInputException
                || e instanceof UncheckedIOException;
    }

    /** "cannot write X" plus why, unless the message says why already. */
    static String withReason(UncheckedIOException e) {
        String message = e.getMessage() == null ? "input/output error" : e.getMessage();
        String reason = IoReason.of(e.getCause());
        return message.contains(reason) ? message : message + ": " + reason;
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
