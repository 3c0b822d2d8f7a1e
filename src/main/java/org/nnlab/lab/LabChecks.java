package org.nnlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.nnlab.gradcheck.Difference;
import org.nnlab.gradcheck.ElementCheck;
import org.nnlab.gradcheck.GradientChecker;
import org.nnlab.gradcheck.GradientChecker.Coverage;
import org.nnlab.gradcheck.GradientReport;
import org.nnlab.gradcheck.ScalarFunction;
import org.nnlab.gradcheck.TensorCheck;
import org.nnlab.gradcheck.Tolerances;
import org.nnlab.lab.LabResult.Item;
import org.nnlab.lab.LabResult.Status;
import org.nnlab.layers.Kinked;
import org.nnlab.layers.Layer;
import org.nnlab.layers.Linear;
import org.nnlab.layers.Parameter;
import org.nnlab.layers.Relu;
import org.nnlab.layers.Sigmoid;
import org.nnlab.layers.Softmax;
import org.nnlab.layers.Tanh;
import org.nnlab.losses.BinaryCrossEntropy;
import org.nnlab.losses.Loss;
import org.nnlab.losses.MeanSquaredError;
import org.nnlab.losses.SoftmaxCrossEntropy;
import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;
import org.nnlab.matrix.Precision;

/**
 * The lab's checks of one backward pass, as {@code nnlab lab-check}, the students' JUnit test and
 * the grader run them. Each backward pass is called on small seeded data in float64 and its every
 * gradient compared, element by element, with five-point differences of the (reference) forward
 * pass, as chapter 5 describes: a layer against f = Σ forward(X) ⊙ G with a random upstream
 * gradient G, a loss against itself. Then the same pass runs in float32, where training runs,
 * and must agree with float64 within the float32 tolerances.
 *
 * <p>Two mistakes that a single call cannot show are provoked on purpose: the pass is called once
 * on other data first, so that a gradient accumulated across calls ({@code +=} without a reset)
 * fails; and it gets a copy of G, so that a pass that overwrites its {@code dout} cannot change
 * the function it is checked against.
 */
public final class LabChecks {
    private static final long SEED = 1;
    private static final GradientChecker CHECKER = GradientChecker.standard();
    private static final String FLOAT32 = "float32";

    private LabChecks() {
    }

    /** The layers of this kit ({@value LabKit#MANIFEST}), or every lab layer in the reference project. */
    public static List<LabLayer> kitLayers() {
        Properties manifest = kitManifest();
        return manifest == null ? LabLayer.all() : LabLayer.parseList(manifest.getProperty("layers", ""));
    }

    /** The layers this kit withholds (stubbed, not asked for: {@link LabLayer#withheld}); none in the reference project. */
    public static List<LabLayer> kitWithheld() {
        Properties manifest = kitManifest();
        String withheld = manifest == null ? "" : manifest.getProperty("withheld", "");
        return withheld.isBlank() ? List.of() : LabLayer.parseList(withheld);
    }

    /** The kit's manifest, or null in the reference project, which has none. */
    private static Properties kitManifest() {
        try (InputStream in = LabChecks.class.getResourceAsStream("kit.properties")) {
            if (in == null) {
                return null;
            }
            Properties manifest = new Properties();
            manifest.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks one backward pass on lab-check's data: {@link #run} and {@link #judge} in this JVM.
     * Never throws for anything the student's code does.
     */
    public static LabResult check(LabLayer lab) {
        return judge(run(lab, SEED));
    }

    // ---- running the student's pass: the only place that calls the student's code ----

    /**
     * Calls the backward pass on seeded data and keeps what it computed, as numbers: once on other
     * data, then twice on the checked data in float64; then once in float32 and once in float64
     * on the same float32 values. Judges nothing.
     */
    public static StudentRun run(LabLayer lab, long seed) {
        // tag::warm-up[]
        Setup s = setup(lab, m -> m, seed);
        long data = fingerprint(s);
        Setup warmUp = setup(lab, m -> m, seed + 1);
        List<Matrix> first;
        List<Matrix> again;
        try {
            s.backward(warmUp.input(), warmUp.targets(), warmUp.upstream());
            first = s.backward(s.input(), s.targets(), s.upstream());
            again = s.backward(s.input(), s.targets(), s.upstream());
        } catch (Threw threw) {
            return new StudentRun(lab, seed, data, failure(lab, threw.getCause()), List.of(), List.of(), null, List.of(),
                    List.of());
        }
        // end::warm-up[]
        UnaryOperator<Matrix> toFloat32 = m -> m.toPrecision(Precision.FLOAT32);
        Setup single = setup(lab, toFloat32, seed);
        Setup twin = setup(lab, m -> m.toPrecision(Precision.FLOAT32).toPrecision(Precision.FLOAT64), seed);
        try {
            return new StudentRun(lab, seed, data, null, first, again, null,
                    single.backward(single.input(), single.targets(), single.upstream()),
                    twin.backward(twin.input(), twin.targets(), twin.upstream()));
        } catch (Threw threw) {
            return new StudentRun(lab, seed, data, null, first, again, describe(lab, threw.getCause()), List.of(),
                    List.of());
        }
    }

    private static StudentRun.Failure failure(LabLayer lab, Throwable e) {
        if (e instanceof UnsupportedOperationException && e.getMessage() != null && e.getMessage().startsWith("TODO")) {
            return new StudentRun.Failure(Status.NOT_IMPLEMENTED, "not implemented yet (the stub throws \"" + e.getMessage()
                    + "\")");
        }
        return new StudentRun.Failure(Status.ERROR, describe(lab, e));
    }

    /** A hash of every number of the setup's data: the run and its judge must have the same. */
    private static long fingerprint(Setup s) {
        long hash = s.lab().ordinal();
        List<Matrix> all = new ArrayList<>(s.points());
        all.add(s.targets());
        all.add(s.upstream());
        for (Matrix m : all) {
            if (m != null) {
                for (int i = 0; i < m.size(); i++) {
                    hash = hash * 31 + Double.hashCode(m.getFlat(i));
                }
            }
        }
        return hash;
    }

    // ---- judging what it computed: no student code runs from here on ----

    /**
     * The verdict on what a run computed: its float64 gradients against five-point differences of
     * the (reference) forward pass on the same data, generated here again from the run's seed;
     * then its float32 gradients against its float64 ones.
     */
    public static LabResult judge(StudentRun run) {
        LabLayer lab = run.layer();
        Setup s = setup(lab, m -> m, run.seed());
        List<String> names = itemNames(lab);
        if (run.failure() != null || fingerprint(s) != run.data() || run.first().size() != names.size() - 1
                || run.again().size() != run.first().size()) {
            String problem = run.failure() != null ? run.failure().message()
                    : fingerprint(s) != run.data()
                    ? "the pass ran on other data than the checks generate: grade with the nnlab the kit was made from"
                    : "the run's result lists " + run.first().size() + " gradients, but " + lab.method() + " has "
                    + (names.size() - 1);
            Status status = run.failure() != null ? run.failure().status() : Status.ERROR;
            List<Item> failed = names.stream().map(n -> new Item(n, false, Double.NaN, "not checked")).toList();
            return new LabResult(lab, status, failed, problem, "");
        }

        List<Item> items = new ArrayList<>();
        List<TensorCheck> tensors = new ArrayList<>();
        ScalarFunction f = s.function();
        List<Kinked> kinked = s.operation() instanceof Kinked k ? List.of(k) : List.of();
        List<Matrix> points = s.points();
        for (int t = 0; t < points.size(); t++) {
            String name = s.pointNames().get(t);
            Matrix point = points.get(t);
            Matrix gradient = run.first().get(t);
            String shapeProblem = shapeProblem(name, point, gradient);
            if (shapeProblem != null) {
                items.add(new Item("d" + name, false, Double.NaN, shapeProblem));
                continue;
            }
            TensorCheck check = CHECKER.checkTensor(name, point, gradient, f, kinked, Coverage.EVERY_ELEMENT);
            tensors.add(check);
            Diagnosis diagnosis = new Diagnosis(lab, s.input(), check, gradient, run.again().get(t));
            boolean right = check.passed() && !diagnosis.changesWhenRunAgain();
            items.add(new Item("d" + name, right, check.maxRelativeError(), right ? "right" : explainFailure(check, diagnosis)));
        }
        // Every five-point failure is checked again at h/4 (chapter 5); the report's note saying so is
        // for readers of nnlab gradcheck, and only distracts from a wrong gradient here.
        String details = String.join("\n", new GradientReport(s.title(), Precision.FLOAT64, Difference.FIVE_POINT,
                CHECKER.step(Difference.FIVE_POINT, Precision.FLOAT64), CHECKER.tolerances(Precision.FLOAT64), tensors,
                List.of()).format().lines().filter(line -> !line.contains("checked again at h/4")).toList()) + "\n";
        boolean float64Right = items.stream().allMatch(Item::passed);
        items.add(float64Right ? float32Item(run, s)
                : new Item(FLOAT32, false, Double.NaN, "float32: not checked until the float64 gradients are right"));
        Status status = items.stream().allMatch(Item::passed) ? Status.PASS : Status.FAIL;
        return new LabResult(lab, status, items, null, details);
    }

    /**
     * "dW is wrong: max relative error 0.93, worst at (3, 1): analytic …, numeric … (12 of 15 elements
     * wrong)", then what the numbers point at, when they point at something. The worst element is
     * the table's "worst at", the one furthest past both tolerances.
     */
    private static String explainFailure(TensorCheck check, Diagnosis diagnosis) {
        String cause = diagnosis.cause();
        if (check.passed()) {
            return "d" + check.name() + " is right on the first call, but " + cause;
        }
        if (check.status() == TensorCheck.Status.NOTHING_COMPARED) {
            return "d" + check.name() + ": every element is at a kink, nothing compared";
        }
        ElementCheck worst = check.worst();
        return String.format(Locale.ROOT, "d%s is wrong: max relative error %s, worst at %s: analytic %s, numeric %s"
                        + " (%d of %d elements wrong)%s", check.name(), relative(check.maxRelativeError()), worst.position(),
                value(worst.analytic()), value(worst.numeric()), check.failures().size(), check.checked(),
                cause == null ? "" : "; " + cause);
    }

    private static String shapeProblem(String name, Matrix point, Matrix gradient) {
        if (gradient == null) {
            return "returned null instead of d" + name;
        }
        if (!gradient.hasShape(point.rows(), point.cols())) {
            return "d" + name + " has the wrong shape: " + gradient.shape() + ", but " + name + " is " + point.shape();
        }
        return null;
    }

    // ---- float32 against float64 ----

    /**
     * The same pass in float32 and in float64 on the same values (the float32 ones), compared with
     * the float32 tolerances: what a check can show in float32 (chapter 5) is enough to catch a pass
     * that works in one precision only, e.g. one that reads {@code doubles()}.
     */
    private static Item float32Item(StudentRun run, Setup s) {
        if (run.float32Failure() != null) {
            return new Item(FLOAT32, false, Double.NaN, "float32: " + run.float32Failure());
        }
        if (run.single().size() != run.first().size() || run.twin().size() != run.first().size()) {
            return new Item(FLOAT32, false, Double.NaN, "float32: the run's result has no float32 gradients");
        }
        double largest = 0;
        for (int t = 0; t < run.first().size(); t++) {
            String pointName = s.pointNames().get(t);
            String name = "d" + pointName;
            Matrix a = run.single().get(t);
            Matrix b = run.twin().get(t);
            String shapeProblem = shapeProblem(pointName, s.points().get(t), a);
            if (shapeProblem == null) {
                shapeProblem = shapeProblem(pointName, s.points().get(t), b);
            }
            if (shapeProblem != null) {
                return new Item(FLOAT32, false, Double.NaN, "float32: " + shapeProblem);
            }
            if (a.precision() != Precision.FLOAT32) {
                return new Item(FLOAT32, false, Double.NaN, "float32: " + name + " came back in " + a.precision()
                        + "; a gradient has the precision of its input");
            }
            for (int i = 0; i < a.size(); i++) {
                double rel = Tolerances.relativeError(a.getFlat(i), b.getFlat(i));
                double abs = Tolerances.absoluteError(a.getFlat(i), b.getFlat(i));
                if (Tolerances.FLOAT32.exceededBy(rel, abs) || Double.isNaN(rel)) {
                    return new Item(FLOAT32, false, rel, String.format(Locale.ROOT,
                            "float32: %s differs from float64 on the same values: relative error %s at (%d, %d), float32 %s,"
                                    + " float64 %s", name, relative(rel), i / a.cols(), i % a.cols(), value(a.getFlat(i)),
                            value(b.getFlat(i))));
                }
                largest = Math.max(largest, rel);
            }
        }
        return new Item(FLOAT32, true, largest, "agrees with float64");
    }

    // ---- the operations and their data ----

    /**
     * One instance of the operation under test with its data.
     *
     * @param lab      which backward pass
     * @param layer    the layer, or null for a loss
     * @param loss     the loss, or null for a layer
     * @param input    X, Z or A
     * @param targets  the loss's targets, or null
     * @param upstream the layer's upstream gradient G, or null for a loss
     */
    private record Setup(LabLayer lab, Layer layer, Loss loss, Matrix input, Matrix targets, Matrix upstream) {
        Object operation() {
            return layer != null ? layer : loss;
        }

        List<Parameter> parameters() {
            return layer != null ? layer.parameters() : List.of();
        }

        /** The tensors differentiated: the input, then each parameter. */
        List<Matrix> points() {
            List<Matrix> points = new ArrayList<>(List.of(input));
            parameters().forEach(p -> points.add(p.value()));
            return points;
        }

        List<String> pointNames() {
            List<String> names = new ArrayList<>(List.of(lab.inputName()));
            parameters().forEach(p -> names.add(p.name()));
            return names;
        }

        /** f: the layer's output weighted by G (cs231n's check of a layer), or the loss. */
        ScalarFunction function() {
            if (layer != null) {
                return () -> weightedSum(layer.forward(input), upstream);
            }
            return () -> loss.forward(input, targets);
        }

        String title() {
            return lab.method() + (layer != null ? " against f = Σ forward(" + lab.inputName() + ") ⊙ G, G random"
                    : " against the loss itself") + ", batch " + input.rows();
        }

        /** A forward pass on the given data, then the student's backward pass. */
        // tag::student-call[]
        List<Matrix> backward(Matrix x, Matrix y, Matrix g) {
            Matrix returned;
            if (layer != null) {
                layer.forward(x);
                Matrix dout = g.copy(); // overwriting dout must not change G
                returned = call(() -> layer.backward(dout));
            } else {
                loss.forward(x, y);
                returned = call(loss::backward);
            }
            List<Matrix> all = new ArrayList<>();
            all.add(returned == null ? null : returned.copy());
            parameters().forEach(p -> all.add(p.gradient().copy()));
            return all;
        }
        // end::student-call[]
    }

    /**
     * Seeded data for the lab layer, generated in float64 and passed through {@code convert}: to
     * float32, or rounded to float32 and back. Shapes are small and never square, so that a
     * transposed gradient cannot have the right shape by accident.
     */
    private static Setup setup(LabLayer lab, UnaryOperator<Matrix> convert, long seed) {
        Random random = new Random(seed * 1_000 + lab.ordinal());
        return switch (lab) {
            case LINEAR -> {
                Matrix w = convert.apply(gaussian(random, 5, 3, 0.5));
                Matrix b = convert.apply(gaussian(random, 1, 3, 0.5));
                Matrix x = convert.apply(gaussian(random, 4, 5, 1));
                yield layerSetup(lab, new Linear("W", w, "b", b), x, random, convert);
            }
            // Inputs at least 0.1 from the kink at 0: the check's step is far smaller.
            case RELU -> layerSetup(lab, new Relu(), convert.apply(awayFromZero(gaussian(random, 4, 6, 1), 0.1)), random, convert);
            case SIGMOID -> layerSetup(lab, new Sigmoid(), convert.apply(gaussian(random, 4, 6, 2)), random, convert);
            case TANH -> layerSetup(lab, new Tanh(), convert.apply(gaussian(random, 4, 6, 1.5)), random, convert);
            case SOFTMAX -> layerSetup(lab, new Softmax(), convert.apply(gaussian(random, 4, 5, 2)), random, convert);
            case SOFTMAX_CE -> new Setup(lab, null, new SoftmaxCrossEntropy(), convert.apply(gaussian(random, 5, 4, 2)),
                    convert.apply(oneHot(random, 5, 4)), null);
            case MSE -> new Setup(lab, null, new MeanSquaredError(), convert.apply(gaussian(random, 5, 4, 1)),
                    convert.apply(gaussian(random, 5, 4, 1)), null);
            // Probabilities well inside the clamp [1e-7, 1 − 1e-7], whose kinks are not the student's.
            case BCE -> new Setup(lab, null, new BinaryCrossEntropy(), convert.apply(uniform(random, 5, 4, 0.05, 0.95)),
                    convert.apply(zerosAndOnes(random, 5, 4)), null);
        };
    }

    private static Setup layerSetup(LabLayer lab, Layer layer, Matrix input, Random random, UnaryOperator<Matrix> convert) {
        Matrix output = layer.forward(input);
        Matrix upstream = convert.apply(gaussian(random, output.rows(), output.cols(), 1));
        return new Setup(lab, layer, null, input, null, upstream);
    }

    /** The names of a lab layer's checks: d(input), d(each parameter), float32. */
    static List<String> itemNames(LabLayer lab) {
        List<String> names = new ArrayList<>(setup(lab, m -> m, SEED).pointNames().stream().map(n -> "d" + n).toList());
        names.add(FLOAT32);
        return names;
    }

    // ---- the student's code, called ----

    /** Thrown when the student's backward pass threw: its cause is what it threw. */
    private static final class Threw extends RuntimeException {
        Threw(Throwable cause) {
            super(cause);
        }
    }

    private static Matrix call(Supplier<Matrix> backward) {
        try {
            return backward.get();
        } catch (RuntimeException | StackOverflowError e) {
            throw new Threw(e);
        }
    }

    /** "threw ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5, at Linear.java:52". */
    private static String describe(LabLayer lab, Throwable e) {
        String where = Arrays.stream(e.getStackTrace())
                .filter(frame -> frame.getClassName().equals(lab.className())
                        || frame.getClassName().startsWith(lab.className() + "$"))
                .findFirst()
                .map(frame -> ", at " + frame.getFileName() + ":" + frame.getLineNumber())
                .orElse("");
        return "threw " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }

    // ---- numbers ----

    private static String relative(double e) {
        return Double.isInfinite(e) ? "∞ (a value is NaN or infinite)" : String.format(Locale.ROOT, "%.2g", e);
    }

    private static String value(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Σ a ⊙ g, compensated, as the gradient checker sums it. */
    private static double weightedSum(Matrix a, Matrix g) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.getFlat(i) * g.getFlat(i));
        }
        return sum.value();
    }

    private static Matrix gaussian(Random random, int rows, int cols, double std) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, std * random.nextGaussian());
        }
        return m;
    }

    private static Matrix awayFromZero(Matrix m, double gap) {
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, m.getFlat(i) + Math.copySign(gap, m.getFlat(i)));
        }
        return m;
    }

    private static Matrix uniform(Random random, int rows, int cols, double low, double high) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, low + (high - low) * random.nextDouble());
        }
        return m;
    }

    private static Matrix oneHot(Random random, int rows, int cols) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int n = 0; n < rows; n++) {
            m.set(n, random.nextInt(cols), 1);
        }
        return m;
    }

    private static Matrix zerosAndOnes(Random random, int rows, int cols) {
        Matrix m = Matrix.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.setFlat(i, random.nextBoolean() ? 1 : 0);
        }
        return m;
    }
}
