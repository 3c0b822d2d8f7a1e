package org.nnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.nnlab.data.DataLocations;
import org.nnlab.data.Dataset;
import org.nnlab.data.TrainTest;
import org.nnlab.experiment.Experiment;
import org.nnlab.experiment.ExperimentOption.Section;
import org.nnlab.experiment.ExperimentOptions;
import org.nnlab.experiment.ExperimentRunner;
import org.nnlab.experiment.PreparedData;
import org.nnlab.persistence.ExperimentJson;
import org.nnlab.persistence.ModelFile;
import org.nnlab.formats.FileFormatException;
import org.nnlab.persistence.SavedModel;
import org.nnlab.serve.ModelSlot;
import org.nnlab.serve.PageServer;
import org.nnlab.serve.ServedModel;
import org.nnlab.serve.TrainingFeed;
import org.nnlab.training.TrainingDivergedException;
import org.nnlab.training.TrainingListener;

/**
 * {@code nnlab serve [MODEL] [flags]}: the interactive page (package {@code org.nnlab.serve}) on a
 * local web server. Without a model it serves the default one, trained with train's defaults on
 * first use and kept beside the MNIST files; with {@code --train} it trains a new one with train's
 * flags while the page shows the run live, then serves it.
 */
final class ServeCommand implements Main.Command {
    /** The default model's file, in the directory beside the dataset directories (data/ or $NNLAB_DATA). */
    static final String DEFAULT_MODEL = "models/default-mnist.npz";

    static Flags flags() {
        Flags own = new Flags("serve")
                .option("port", "PORT", "8080", "the port to listen on (0: any free port)")
                .option("host", "ADDRESS", "127.0.0.1", "the address to listen on; another than this machine's own"
                        + " (e.g. 0.0.0.0 for a classroom) lets anyone on the network use the page")
                .toggle("train", "train a new model with the flags below (those of nnlab train), showing the run"
                        + " live on the page, then serve it")
                .option("save", "FILE", null, "with --train: also write the trained model to FILE");
        return ExperimentFlags.declare(own);
    }

    @Override
    public String summary() {
        return "the interactive page: draw a digit, watch the forward and backward pass, train live";
    }

    @Override
    public int run(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(help());
            return 0;
        }
        Running running = start(args, System.out);
        running.startTraining();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.server().close();
            System.out.println("nnlab serve: stopped");
            stopped.countDown();
        }, "nnlab-serve-stop"));
        try {
            stopped.await(); // until Ctrl-C (or a kill): the shutdown hook stops the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String help() {
        return flags().help().replaceFirst("usage: nnlab serve \\[flags\\]", "usage: nnlab serve [MODEL] [flags]\n\n"
                + "MODEL: a model file written by nnlab train --save; without it, the default model (train's defaults,"
                + " trained on first use and kept in data/" + DEFAULT_MODEL + ")");
    }

    /** A started server, and the thread that will train the model it serves (null when nothing trains). */
    record Running(PageServer server, Thread training) implements AutoCloseable {
        /** Starts the training thread, if there is one (apart from start, so that a test can open the page first). */
        void startTraining() {
            if (training != null && training.getState() == Thread.State.NEW) {
                training.start();
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Parses the arguments, loads what is needed and starts the server; a model to train is trained by {@link Running#startTraining}. */
    static Running start(String[] args, PrintStream out) {
        return start(args, out, DataLocations.fromEnvironment());
    }

    /** As {@link #start(String[], PrintStream)}, with the default model kept beside the datasets of {@code data}. */
    static Running start(String[] args, PrintStream out, DataLocations data) {
        String modelPath = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        Flags flags = flags();
        flags.parse(modelPath == null ? args : Arrays.copyOfRange(args, 1, args.length));
        requireTrainFlagsOnlyWithTrain(flags, modelPath);
        String host = flags.get("host");
        int port = flags.get("port", "a port number from 0 to 65535", ServeCommand::parsePort);

        ModelSlot slot = new ModelSlot();
        Training training = null;
        if (modelPath != null) {
            slot.serve(served(ModelArgument.load(modelPath), Path.of(modelPath).getFileName().toString()));
        } else if (flags.isSet("train")) {
            training = new Training(trainingExperiment(flags), flags.get("save") == null ? null : Path.of(flags.get("save")),
                    "the model trained by this run");
        } else {
            training = defaultModel(slot, out, data);
        }
        PreparedTraining prepared = training == null ? null : training.prepare(out);
        PageServer server = listen(host, port, slot, out);
        Thread thread = null;
        if (prepared != null) {
            TrainingFeed feed = new TrainingFeed(setup(prepared.experiment()), prepared.experiment().training().epochs());
            slot.showTraining(feed);
            thread = new Thread(() -> prepared.run(slot, feed, out), "nnlab-serve-training");
            thread.setDaemon(true);
        }
        return new Running(server, thread);
    }

    private static void requireTrainFlagsOnlyWithTrain(Flags flags, String modelPath) {
        List<String> trainFlags = flags.setNames().stream().filter(name -> ExperimentOptions.byFlag(name).isPresent()).toList();
        if (flags.isSet("train") && modelPath != null) {
            throw new UsageException("serve: give a MODEL to serve or --train to train one, not both");
        }
        if (!flags.isSet("train") && (!trainFlags.isEmpty() || flags.isSet("save"))) {
            String first = flags.isSet("save") ? "save" : trainFlags.get(0);
            throw new UsageException("serve: --" + first + " is a training flag; it needs --train (see nnlab serve --help)");
        }
    }

    private static int parsePort(String text) {
        int port = Integer.parseInt(text.trim());
        if (port < 0 || port > 65535) {
            throw new NumberFormatException();
        }
        return port;
    }

    /**
     * The experiment that --train runs: train's own flags (one per {@link ExperimentOptions} option),
     * parsed by train's own code. The one place where serve reads train's flags.
     */
    private static Experiment trainingExperiment(Flags flags) {
        return ExperimentFlags.from(flags);
    }

    /** The run as train describes it: its network and training, each as the flags that set it up. */
    private static String setup(Experiment e) {
        return "network " + ExperimentOptions.describe(e, Section.NETWORK) + " (" + e.network().describe() + "); training "
                + ExperimentOptions.describe(e, Section.TRAINING);
    }

    /** The default model: reused when it is there and was trained with today's defaults, else trained now. */
    private static Training defaultModel(ModelSlot slot, PrintStream out, DataLocations data) {
        Experiment defaults = defaultExperiment();
        Path file = defaultModelPath(data);
        Reuse reuse = reusable(file, defaults);
        if (reuse.model() != null) {
            slot.serve(served(reuse.model(), "the default model (" + file + ")"));
            return null;
        }
        out.println("nnlab serve: " + reuse.whyNot() + ": training it now with train's defaults (once; it is kept in " + file + ")");
        return new Training(defaults, file, "the default model (" + file + ")");
    }

    /** What nnlab train does without flags. */
    static Experiment defaultExperiment() {
        return trainingExperiment(parsed(new String[0]));
    }

    /** The saved default model when it can serve (there, readable, trained with train's defaults), else why not. */
    record Reuse(SavedModel model, String whyNot) {
    }

    static Reuse reusable(Path file, Experiment defaults) {
        if (!Files.isRegularFile(file)) {
            return new Reuse(null, "no model given, and the default model is not trained yet");
        }
        try {
            SavedModel model = ModelFile.load(file);
            boolean same = model.experiment() != null
                    && ExperimentJson.experiment(model.experiment()).equals(ExperimentJson.experiment(defaults));
            return same ? new Reuse(model, null) : new Reuse(null, file + " was trained with other settings than train's defaults");
        } catch (FileFormatException e) {
            return new Reuse(null, e.getMessage());
        }
    }

    private static Flags parsed(String[] args) {
        Flags flags = flags();
        flags.parse(args);
        return flags;
    }

    /** The default model's file: in the directory that holds the MNIST directory (data/, or $NNLAB_DATA when set). */
    static Path defaultModelPath(DataLocations data) {
        return data.installDir(Dataset.MNIST).resolveSibling(DEFAULT_MODEL);
    }

    /** The model with the test set of its dataset, checked to be one the page can show. */
    private static ServedModel served(SavedModel model, String name) {
        String dataset = ModelArgument.datasetName(model, null);
        TrainTest images = DatasetImages.load("serve", dataset);
        try {
            return ServedModel.of(model, name, images.test(), dataset + " test set");
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("serve: " + e.getMessage());
        }
    }

    private static PageServer listen(String host, int port, ModelSlot slot, PrintStream out) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UsageException("serve: --host: no address is known for '" + host + "'");
        }
        PageServer server;
        try {
            server = PageServer.start(host, port, slot, bookDirectory());
        } catch (BindException e) {
            throw new CommandFailedException("serve: cannot listen on " + host + " port " + port + " (" + e.getMessage()
                    + "); is another server using it? Choose another with --port");
        } catch (IOException e) {
            throw new CommandFailedException("serve: cannot listen on " + host + " port " + port + ": " + e.getMessage());
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("nnlab serve: warning: listening on " + host + ": anyone who can reach this machine on port "
                    + server.address().getPort() + " can use the page and make it compute; there is no password");
            out.println("nnlab serve: other machines open http://" + (address.isAnyLocalAddress() ? machineName() : host) + ":"
                    + server.address().getPort() + "/");
        }
        out.println("nnlab serve: open " + server.address() + " in a browser (Ctrl-C stops the server)"
                + (server.hasBook() ? "" : "; the equation links need the book: mvn -Pdocs generate-resources"));
        return server;
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "THIS-MACHINE";
        }
    }

    private static Path bookDirectory() {
        return Path.of(System.getProperty(DataLocations.HOME_PROPERTY, ".")).resolve("target").resolve("docs");
    }

    /** A model to train before it can be served: the run, where to save it, and what the page calls it. */
    private record Training(Experiment experiment, Path saveTo, String name) {
        /** Loads and splits the data now, so that a bad flag or missing data fails before the server starts. */
        PreparedTraining prepare(PrintStream out) {
            if (!experiment.network().hasHiddenLayer()) {
                throw new UsageException("serve: --hidden 0 trains no hidden layer; the page shows a two-layer network");
            }
            if (experiment.task().isBinary()) {
                throw new UsageException("serve: --task " + experiment.task().spec() + " has one output; the page shows ten classes");
            }
            TrainTest images = DatasetImages.load("serve", experiment.dataset());
            PreparedData data;
            try {
                data = PreparedData.of(experiment, images);
            } catch (IllegalArgumentException e) {
                throw new UsageException("serve: --split: " + e.getMessage());
            }
            out.printf("nnlab serve: %s%n", setup(experiment));
            return new PreparedTraining(experiment, images, data, saveTo, name);
        }
    }

    /** A training run ready to go, with its data loaded. */
    private record PreparedTraining(Experiment experiment, TrainTest images, PreparedData data, Path saveTo, String name) {
        /** Trains (printing the usual progress and feeding the page), saves, and hands the model to the page. */
        void run(ModelSlot slot, TrainingFeed feed, PrintStream out) {
            try {
                ProgressPrinter progress = new ProgressPrinter(out, System.console() != null, experiment.training().epochs());
                ExperimentRunner.Outcome outcome = ExperimentRunner.run(experiment, data, TrainingListener.both(progress, feed));
                String result = String.format("test accuracy %.2f%% on the %s test set", 100 * outcome.test().accuracy(),
                        experiment.dataset());
                out.println("nnlab serve: " + result);
                if (saveTo != null) {
                    TrainCommand.save(saveTo, experiment, data, images, outcome);
                    out.println("nnlab serve: saved the model to " + saveTo);
                }
                SavedModel model = new SavedModel(outcome.network(), experiment.task(), data.preprocessing(),
                        images.train().rows(), images.train().cols(), experiment,
                        Map.of("test_accuracy", outcome.test().accuracy()));
                slot.serve(ServedModel.of(model, name, images.test(), experiment.dataset() + " test set"));
                feed.finished(result + "; the page now shows this model");
                out.println("nnlab serve: the page now shows " + name);
            } catch (TrainingDivergedException | CommandFailedException | UncheckedIOException | IllegalArgumentException e) {
                feed.failed(e.getMessage());
                System.err.println("nnlab serve: training failed: " + e.getMessage());
            }
        }
    }
}
