package org.nnlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A backward pass that a course lab can hand to students: its body in the reference sources lies
 * between two marker lines,
 *
 * <pre>
 *   // tag::lab-linear[]
 *   …the reference body…
 *   // end::lab-linear[]
 * </pre>
 *
 * which {@link LabKit} replaces by a stub that throws, and which {@link LabGrader} takes from a
 * student's file and nothing else. The markers use the book's tag syntax on purpose: Asciidoctor
 * drops every tag line from an included listing, so chapter 4 shows the method without them.
 *
 * <p>Code elsewhere that would hand a student the answer is marked {@code lab-remove-ID} in the
 * same way and deleted from a kit that contains the layer: the ReLU mask of {@code MatrixOps} and
 * its kernels is the ReLU backward pass under another name.
 *
 * <p>Passes of one {@link #family()} give each other away: MSE's gradient (A − Y)/N is the
 * softmax-CE reference body with another variable name, and tanh's one-line {@code zip} is
 * sigmoid's and ReLU's with another derivative. A kit stubs the whole family of every pass it
 * asks for; the ones not asked for are {@linkplain #withheld withheld}: stubbed, not graded.
 */
public enum LabLayer {
    // tag::layers[]
    LINEAR("linear", "org.nnlab.layers.Linear", "X", "eq-dw", "eq-db", "eq-dx"),
    RELU("relu", "org.nnlab.layers.Relu", "Z", "eq-dz-elementwise", "eq-relu-prime"),
    SIGMOID("sigmoid", "org.nnlab.layers.Sigmoid", "Z", "eq-dz-elementwise", "eq-sigmoid-prime-a"),
    TANH("tanh", "org.nnlab.layers.Tanh", "Z", "eq-dz-elementwise", "eq-tanh-prime-a"),
    SOFTMAX("softmax", "org.nnlab.layers.Softmax", "Z", "eq-softmax-backward"),
    SOFTMAX_CE("softmax-ce", "org.nnlab.losses.SoftmaxCrossEntropy", "Z", "eq-ce-grad"),
    MSE("mse", "org.nnlab.losses.MeanSquaredError", "A", "eq-mse-grad"),
    BCE("bce", "org.nnlab.losses.BinaryCrossEntropy", "A", "eq-bce-grad");
    // end::layers[]

    /** What {@code nnlab lab-kit} hands out when no {@code --layers} are given: the three. */
    public static final List<LabLayer> DEFAULT = List.of(LINEAR, RELU, SOFTMAX_CE);

    private final String id;
    private final String className;
    private final String inputName;
    private final List<String> equations;

    LabLayer(String id, String className, String inputName, String... equations) {
        this.id = id;
        this.className = className;
        this.inputName = inputName;
        this.equations = List.of(equations);
    }

    /** The name on the command line and in the markers, e.g. "softmax-ce". */
    public String id() {
        return id;
    }

    /** The fully qualified name of the class whose backward pass this is. */
    public String className() {
        return className;
    }

    /** "Linear.backward": how students, tests and grades name the exercise. */
    public String method() {
        return className.substring(className.lastIndexOf('.') + 1) + ".backward";
    }

    /** The source file, relative to the project: "src/main/java/org/nnlab/layers/Linear.java". */
    public String sourcePath() {
        return "src/main/java/" + className.replace('.', '/') + ".java";
    }

    /** The name of the input whose gradient backward returns: X for Linear, Z for an activation or softmax-ce, A for MSE and BCE. */
    public String inputName() {
        return inputName;
    }

    /** The anchors of the book's equations that the body computes, e.g. "eq-dw". */
    public List<String> equations() {
        return equations;
    }

    /**
     * The passes whose reference bodies would give this one away, itself included: the element-wise
     * activations (ReLU, sigmoid, tanh), the losses (softmax-CE, MSE, BCE); Linear and Softmax
     * stand alone. {@code LabKitTest} checks, statement by statement, that no other code comes
     * that close.
     */
    // tag::family[]
    public List<LabLayer> family() {
        if (isElementwise()) {
            return List.of(RELU, SIGMOID, TANH);
        }
        if (isLoss()) {
            return List.of(SOFTMAX_CE, MSE, BCE);
        }
        return List.of(this);
    }
    // end::family[]

    /** The passes a kit of {@code asked} stubs without asking for them: the rest of their families, in declaration order. */
    public static List<LabLayer> withheld(List<LabLayer> asked) {
        return Arrays.stream(values())
                .filter(layer -> !asked.contains(layer) && asked.stream().anyMatch(a -> a.family().contains(layer)))
                .toList();
    }

    /** Whether the pass is element-wise, dZ at (i, j) depending on Z at (i, j) only: ReLU, sigmoid, tanh. */
    public boolean isElementwise() {
        return this == RELU || this == SIGMOID || this == TANH;
    }

    /** Whether this is a loss's backward pass, which takes no upstream gradient. */
    public boolean isLoss() {
        return this == SOFTMAX_CE || this == MSE || this == BCE;
    }

    /** The tag of the body's region: "lab-linear". */
    public String bodyTag() {
        return "lab-" + id;
    }

    /** The tag of regions deleted from a kit with this layer: "lab-remove-relu". */
    public String removalTag() {
        return "lab-remove-" + id;
    }

    public static LabLayer parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (LabLayer layer : values()) {
            if (layer.id.equals(wanted)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("unknown lab layer '" + text.trim() + "' (lab layers: " + ids(List.of(values()))
                + ")");
    }

    /** "linear,relu,softmax-ce" → the three, in the order given, each once. */
    public static List<LabLayer> parseList(String text) {
        List<LabLayer> layers = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            LabLayer layer = parse(part);
            if (!layers.contains(layer)) {
                layers.add(layer);
            }
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no lab layer named (lab layers: " + ids(List.of(values())) + ")");
        }
        return List.copyOf(layers);
    }

    /** "linear,relu,softmax-ce". */
    public static String ids(List<LabLayer> layers) {
        return String.join(",", layers.stream().map(LabLayer::id).toList());
    }

    /** Every lab layer, in declaration order. */
    public static List<LabLayer> all() {
        return Arrays.asList(values());
    }
}
