package io.musicrec.model.weights;

import java.util.Set;

/** Named trained tensors, read from a framework's own file format. Names are TensorFlow's. */
public interface WeightFile {
  Set<String> names();

  /** The tensor, or a {@link WeightFileException} naming what is missing. */
  WeightTensor get(String name);
}
