package io.musicrec.model.weights;

import java.util.Arrays;

/**
 * One named float tensor of a trained network, row-major in the framework's own layout (for
 * TensorFlow convolutions: [height, width, in, out]).
 */
public record WeightTensor(String name, long[] shape, float[] values) {
  public WeightTensor {
    long count = 1;
    for (long d : shape) count *= d;
    if (count != values.length) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + count
          + " values, found " + values.length);
    }
  }

  /** The tensor, after checking it has exactly {@code expected} as its shape. */
  public WeightTensor requireShape(long... expected) {
    if (!Arrays.equals(shape, expected)) {
      throw new WeightFileException(name + " has shape " + Arrays.toString(shape) + ", expected "
          + Arrays.toString(expected) + ": not the network this converter knows");
    }
    return this;
  }

  /** Number of elements along dimension {@code axis}. */
  public int dim(int axis) {
    return (int) shape[axis];
  }
}
