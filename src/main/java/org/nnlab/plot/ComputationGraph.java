package org.nnlab.plot;

import java.awt.Color;

/**
 * The computational graph of the two-layer network with softmax cross-entropy: the forward pass
 * left to right (tensors as boxes with their shapes, operations as labelled arrows), and under it
 * the backward pass right to left, each gradient with its shape and the equation that computes it.
 * A gradient always has the shape of the tensor it belongs to, which the two rows show side by side.
 */
public final class ComputationGraph implements Figure {
    private static final int WIDTH = 1180;
    private static final int MARGIN = 20;
    private static final double BOX_WIDTH = 124;
    private static final double BOX_HEIGHT = 50;
    private static final Color FORWARD = new Color(0x222222);
    private static final Color PARAMETER = new Color(0x0072B2);
    private static final Color BACKWARD = new Color(0xD55E00);
    private static final Color FORWARD_FILL = new Color(0xF4F4F4);
    private static final Color PARAMETER_FILL = new Color(0xE8F1F8);
    private static final Color BACKWARD_FILL = new Color(0xFCEEE6);
    private static final double OP_SIZE = 13;
    /** The tensors' column centres: X, Z1, A1, Z2, loss. */
    private static final double[] COLUMNS = {90, 340, 590, 840, 1090};

    private final TitleBlock title;
    private final double parametersY;
    private final double forwardY;
    private final double backwardY;
    private final double gradientsY;
    private final int height;

    public ComputationGraph() {
        this.title = new TitleBlock("The computational graph, forward and backward",
                "784-H-10 network, ReLU hidden layer, softmax cross-entropy; N examples per batch (L2 term left out)",
                "Top: the forward pass (2.1)–(2.5), tensors with their shapes. Below, in orange: the backward pass"
                        + " (4.9)–(4.15), right to left; every gradient has the shape of its tensor above it.");
        double titleBottom = MARGIN + title.height(WIDTH - 2 * MARGIN);
        this.parametersY = titleBottom + 50;
        this.forwardY = parametersY + 110;
        this.backwardY = forwardY + 150;
        this.gradientsY = backwardY + 130;
        this.height = (int) Math.ceil(gradientsY + BOX_HEIGHT / 2 + 22 + MARGIN);
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void draw(Canvas canvas) {
        title.draw(canvas, MARGIN, MARGIN, WIDTH - 2 * MARGIN);
        drawForward(canvas);
        drawBackward(canvas);
    }

    private void drawForward(Canvas canvas) {
        String[][] tensors = {{"X", "N×D"}, {"Z1", "N×H"}, {"A1", "N×H"}, {"Z2", "N×C"}, {"ℓ", "1×1"}};
        String[] operations = {"·W1 + b1  (2.1)", "relu  (2.2)", "·W2 + b2  (2.3)", "softmax-CE  (3.11)"};
        for (int i = 0; i < tensors.length; i++) {
            Arrows.box(canvas, COLUMNS[i], forwardY, BOX_WIDTH, BOX_HEIGHT, tensors[i][0], tensors[i][1], FORWARD, FORWARD_FILL);
        }
        for (int i = 0; i < operations.length; i++) {
            double from = COLUMNS[i] + BOX_WIDTH / 2;
            double to = COLUMNS[i + 1] - BOX_WIDTH / 2;
            Arrows.arrow(canvas, from, forwardY, to, forwardY, FORWARD, 1.8);
            canvas.text(operations[i], (from + to) / 2, forwardY - 6, TextStyle.plain(OP_SIZE, Anchor.BOTTOM_CENTER));
        }
        // Parameters feed the affine steps, and the targets the loss, from above.
        parameter(canvas, midpoint(0) - 62, "W1", "D×H", 0);
        parameter(canvas, midpoint(0) + 62, "b1", "1×H", 0);
        parameter(canvas, midpoint(2) - 62, "W2", "H×C", 2);
        parameter(canvas, midpoint(2) + 62, "b2", "1×C", 2);
        parameter(canvas, midpoint(3), "Y", "N×C", 3);
    }

    private void parameter(Canvas canvas, double x, String name, String shape, int step) {
        Arrows.box(canvas, x, parametersY, BOX_WIDTH * 0.8, BOX_HEIGHT, name, shape, PARAMETER, PARAMETER_FILL);
        Arrows.arrow(canvas, x, parametersY + BOX_HEIGHT / 2, midpoint(step), forwardY - 26, PARAMETER, 1.2);
    }

    private void drawBackward(Canvas canvas) {
        String[][] gradients = {{"dZ1", "N×H"}, {"dA1", "N×H"}, {"dZ2", "N×C"}, {"dℓ/dℓ", "1"}};
        for (int i = 0; i < gradients.length; i++) {
            Arrows.box(canvas, COLUMNS[i + 1], backwardY, BOX_WIDTH, BOX_HEIGHT, gradients[i][0], gradients[i][1],
                    BACKWARD, BACKWARD_FILL);
        }
        String[] steps = {"⊙ [Z1 > 0]  (4.13)", "dZ2 · W2ᵀ  (4.12)", "(P − Y)/N  (4.9)"};
        for (int i = 0; i < steps.length; i++) {
            double from = COLUMNS[i + 2] - BOX_WIDTH / 2;
            double to = COLUMNS[i + 1] + BOX_WIDTH / 2;
            Arrows.arrow(canvas, from, backwardY, to, backwardY, BACKWARD, 1.8);
            canvas.text(steps[i], (from + to) / 2, backwardY - 6, TextStyle.plain(OP_SIZE, Anchor.BOTTOM_CENTER).withColor(BACKWARD));
        }
        // Each step's parameters get their gradients from the gradient arriving at the step.
        gradient(canvas, COLUMNS[1], -70, "dW1", "D×H", "Xᵀ·dZ1  (4.14)");
        gradient(canvas, COLUMNS[1], 70, "db1", "1×H", "Σ rows  (4.15)");
        gradient(canvas, COLUMNS[3], -70, "dW2", "H×C", "A1ᵀ·dZ2  (4.10)");
        gradient(canvas, COLUMNS[3], 70, "db2", "1×C", "Σ rows  (4.11)");
        canvas.text("dX = dZ1·W1ᵀ  (4.4):", COLUMNS[0], backwardY - 2, TextStyle.plain(12, Anchor.BOTTOM_CENTER).withColor(BACKWARD));
        canvas.text("not needed to train", COLUMNS[0], backwardY + 2, TextStyle.plain(12, Anchor.TOP_CENTER).withColor(BACKWARD));
    }

    private void gradient(Canvas canvas, double column, double offset, String name, String shape, String equation) {
        double x = column + offset;
        Arrows.arrow(canvas, column + offset / 3, backwardY + BOX_HEIGHT / 2, x, gradientsY - BOX_HEIGHT / 2 - 2, BACKWARD, 1.2);
        Arrows.box(canvas, x, gradientsY, BOX_WIDTH * 0.8, BOX_HEIGHT, name, shape, BACKWARD, BACKWARD_FILL);
        canvas.text(equation, x, gradientsY + BOX_HEIGHT / 2 + 4, TextStyle.plain(12, Anchor.TOP_CENTER).withColor(BACKWARD));
    }

    private static double midpoint(int step) {
        return (COLUMNS[step] + COLUMNS[step + 1]) / 2;
    }
}
