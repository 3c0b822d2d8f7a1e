package org.nnlab.losses;

import org.nnlab.matrix.CompensatedSum;
import org.nnlab.matrix.Matrix;

/**
 * Mean squared error with the conventional factor ½, so that the gradient has no stray 2:
 *
 * <pre>
 *   L  = 1/(2N) Σₙ Σⱼ (Aₙⱼ − Yₙⱼ)²
 *   dA = (A − Y) / N
 * </pre>
 */
public class MeanSquaredError implements Loss {
    private Matrix predictions;
    private Matrix targets;
    private Matrix gradient;

    @Override
    // tag::forward[]
    public double forward(Matrix predictions, Matrix targets) {
        Losses.requireSameShape(predictions, targets);
        this.predictions = predictions;
        this.targets = targets;
        CompensatedSum sumOfSquares = new CompensatedSum();
        for (int i = 0; i < predictions.size(); i++) {
            double error = predictions.getFlat(i) - targets.getFlat(i);
            sumOfSquares.add(error * error);
        }
        return sumOfSquares.value() / (2.0 * predictions.rows());
    }
    // end::forward[]

    @Override
    // tag::backward[]
    public Matrix backward() {
        // tag::lab-mse[]
        double n = predictions.rows();
        gradient = Matrix.reuse(gradient, predictions.precision(), predictions.rows(), predictions.cols());
        for (int i = 0; i < gradient.size(); i++) {
            gradient.setFlat(i, (predictions.getFlat(i) - targets.getFlat(i)) / n);
        }
        return gradient;
        // end::lab-mse[]
    }
    // end::backward[]

    @Override
    public String describe() {
        return "MSE";
    }
}
