package org.scalebridge.cli;

import java.util.concurrent.Callable;
import org.scalebridge.core.InputException;
import org.scalebridge.core.ScaleBridgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scalebridge} command: every stage of the workflow headless, for batch and cluster work, plus
 * {@code studio} which opens the desktop application. Subcommands live in this package, one class each.
 */
@Command(name = "scalebridge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "ScaleBridge Studio: from atoms to a working electrode.",
        subcommands = {
            StudioCommand.class,
            InfoCommand.class,
            ConvertCommand.class,
            BuildCommand.class,
            MdCommand.class,
            GcmcCommand.class,
            MuScanCommand.class,
            MsdCommand.class,
            ArrheniusCommand.class,
            RdfCommand.class,
            AnglesCommand.class,
            PbaPhaseCommand.class,
            VoltageCommand.class,
            InterfaceEnergyCommand.class,
            FreeEnergyCommand.class,
            PhasefieldParamsCommand.class,
            P2dCommand.class,
            MtpCommand.class,
            LearnCommand.class,
            PipelineCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). Bad input exits with 2 and a one-line message. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // bad command-line input: one line naming the problem and where the help is, exit code 2
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InputException || ex instanceof ScaleBridgeException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 3;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ScaleBridge Studio " + (v == null ? "dev" : v)};
        }
    }
}
