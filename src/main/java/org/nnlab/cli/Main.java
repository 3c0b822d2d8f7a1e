package org.nnlab.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Runs one command, its expected failures turned into a line on stderr and an exit status. */
    static int run(Command command, String[] args) {
        try {
            return command.run(args);
        } catch (UsageException e) {
            System.err.println("nnlab " + e.getMessage());
            return 2;
        } catch (CommandFailedException e) {
            System.err.println(e.getMessage().startsWith("nnlab") ? e.getMessage() : "nnlab: " + e.getMessage());
            return 1;
        } catch (ExceptionInInitializerError e) {
            // The kernels read their system properties (listed in the usage) when first used: a
            // bad value is one line naming the property, not a stack trace.
            if (e.getCause() instanceof IllegalArgumentException badProperty) {
                System.err.println("nnlab: " + badProperty.getMessage());
                return 2;
            }
            throw e;
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
