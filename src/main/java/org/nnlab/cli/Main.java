package org.nnlab.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nnlab.formats.FileFormatException;
import org.nnlab.kernels.KernelSelection;

/**
 * The {@code nnlab} command: {@code nnlab COMMAND [flags]}. Each command is a class of its own;
 * this one only dispatches and turns expected failures into one-line messages and exit codes
 * (2 for a usage mistake, 1 for a failure while running).
 */
public final class Main {

    /** A subcommand: runs with its arguments and returns the process exit status. */
    interface Command {
        String summary();

        int run(String[] args);
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("train", new TrainCommand());
        commands.put("search", new SearchCommand());
        commands.put("evaluate", new EvaluateCommand());
        commands.put("predict", new PredictCommand());
        commands.put("reproduce", new ReproduceCommand());
        commands.put("gradcheck", new GradcheckCommand());
        commands.put("plot", new PlotCommand());
        commands.put("serve", new ServeCommand());
        commands.put("fetch", new FetchCommand());
        commands.put("lab-kit", new LabKitCommand());
        commands.put("lab-check", new LabCheckCommand());
        commands.put("lab-grade", new LabGradeCommand());
        return commands;
    }

    public static void main(String[] args) {
        // Pictures are drawn into images, never onto a screen: without a display (a server, CI, ssh),
        // AWT must not try to find one. The launcher passes this too; this covers java -jar.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(run(args));
    }

    /** Runs {@code nnlab ARGS} and returns its exit status; the book's build runs its listings through this. */
    public static int run(String[] args) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(usage(commands));
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            System.err.println("nnlab: unknown command '" + args[0] + "' (commands: " + String.join(", ", commands.keySet())
                    + "; see nnlab --help)");
            return 2;
        }
        return run(command, Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * Runs one command, every failure turned into a line on stderr and an exit status: 2 for a
     * usage mistake (a flag, an argument, a system property), 1 for anything that failed while
     * running. Nothing reaches the user as a stack trace; {@code -Dnnlab.trace=true} prints one for
     * a failure nnlab did not expect, for whoever debugs it.
     */
    static int run(Command command, String[] args) {
        String name = "nnlab " + commandName(command);
        try {
            requireValidSystemProperties();
            return command.run(args);
        } catch (UsageException e) {
            System.err.println("nnlab " + e.getMessage());
            return 2;
        } catch (SystemPropertyException e) {
            System.err.println("nnlab: " + e.getMessage());
            return 2;
        } catch (CommandFailedException e) {
            System.err.println(e.getMessage().startsWith("nnlab") ? e.getMessage() : "nnlab: " + e.getMessage());
            return 1;
        } catch (FileFormatException e) {
            System.err.println(name + ": " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println(name + ": out of memory (the JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); try a smaller --hidden, --batch or data set, or give java a larger -Xmx");
            return 1;
        } catch (ExceptionInInitializerError e) {
            // A property read lazily, after the check at the start: still one line naming it.
            if (e.getCause() instanceof IllegalArgumentException badProperty) {
                System.err.println("nnlab: " + badProperty.getMessage());
                return 2;
            }
            System.err.println(name + ": failed unexpectedly: " + UnexpectedFailure.describe(e)
                    + " (this is a bug in nnlab; -Dnnlab.trace=true prints where)");
            return 1;
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println(name + ": failed unexpectedly: " + UnexpectedFailure.describe(e)
                    + " (this is a bug in nnlab; -Dnnlab.trace=true prints where)");
            if (Boolean.getBoolean("nnlab.trace")) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static String commandName(Command command) {
        return commands().entrySet().stream().filter(e -> e.getValue().getClass() == command.getClass())
                .map(Map.Entry::getKey).findFirst().orElse("");
    }

    /** A system property nnlab reads has a value it cannot use: a usage error, not a failure. */
    private static final class SystemPropertyException extends RuntimeException {
        SystemPropertyException(String message) {
            super(message);
        }
    }

    /**
     * The kernels read {@code nnlab.kernels} and {@code nnlab.threads} once, when first used; a bad
     * value is reported here, as one line, rather than as an ExceptionInInitializerError in the
     * middle of a run.
     */
    private static void requireValidSystemProperties() {
        try {
            KernelSelection.active();
        } catch (ExceptionInInitializerError e) {
            throw new SystemPropertyException(UnexpectedFailure.describe(e.getCause() == null ? e : e.getCause()));
        } catch (NoClassDefFoundError e) {
            // initialisation already failed once in this JVM (only in tests, which call run() repeatedly)
            throw new SystemPropertyException("system property " + KernelSelection.PROPERTY + " or nnlab.threads"
                    + " has a value nnlab cannot use (see nnlab --help)");
        }
    }

    private static String usage(Map<String, Command> commands) {
        StringBuilder sb = new StringBuilder("""
                nnlab: a two-layer neural network for handwritten digits, from first principles.

                usage: nnlab COMMAND [flags]     (nnlab COMMAND --help lists a command's flags)

                commands:
                """);
        commands.forEach((name, command) -> sb.append(String.format("  %-10s %s%n", name, command.summary())));
        sb.append("""

                system properties (java -D…, or JAVA_OPTS for the launcher):
                  nnlab.kernels=vector|scalar   which kernels run (default: vector)
                  nnlab.threads=N               threads for matrix multiplies (default: all processors)
                  nnlab.tile=ROWSxVECTORS       the matrix multiply's register tile, e.g. 6x2 (default: chosen for the CPU)
                  nnlab.sparse=true|false       skip the zeros of the inputs in the matrix multiply (default: true)
                """);
        return sb.toString();
    }
}
