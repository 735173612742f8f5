package io.musicrec.model.weights;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weights saved by Keras ({@code model.save('x.h5')}): datasets {@code
 * model_weights/LAYER/LAYER/PARAM[_1]:0}. Names come out in TensorFlow's checkpoint form ({@code
 * LAYER/PARAM}), with layers the porter renamed mapped back by {@code renames}, so one converter
 * serves both files. All tensors are read when the file is opened (a few MB for the networks this
 * project converts).
 */
public final class KerasH5 implements WeightFile {
  private static final Pattern DATASET = Pattern.compile("([^/]+)/([^/]+?)(?:_\\d+)?:0");

  private final Path file;
  private final Map<String, WeightTensor> tensors;

  private KerasH5(Path file, Map<String, WeightTensor> tensors) {
    this.file = file;
    this.tensors = tensors;
  }

  /** Reads {@code file}; {@code renames} maps Keras layer names to checkpoint layer names. */
  public static KerasH5 open(Path file, Map<String, String> renames) {
    Map<String, WeightTensor> tensors = new LinkedHashMap<>();
    try (HdfFile hdf = new HdfFile(file)) {
      Node weights = hdf.getChild("model_weights");
      if (!(weights instanceof Group group)) {
        throw new WeightFileException(file + " has no 'model_weights' group: not a Keras model file");
      }
      for (Node layer : group.getChildren().values()) {
        if (layer instanceof Group layerGroup) collect(layerGroup, renames, tensors);
      }
    } catch (WeightFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WeightFileException("cannot read " + file + " as HDF5: " + e.getMessage(), e);
    }
    return new KerasH5(file, tensors);
  }

  private static void collect(Group layer, Map<String, String> renames, Map<String, WeightTensor> into) {
    for (Node child : layer.getChildren().values()) {
      if (child instanceof Group inner) {
        collect(inner, renames, into);
      } else if (child instanceof Dataset dataset) {
        String path = dataset.getPath();
        Matcher m = DATASET.matcher(path.substring(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1));
        if (!m.matches()) continue;
        String name = renames.getOrDefault(m.group(1), m.group(1)) + "/" + m.group(2);
        Object flat = dataset.getDataFlat();
        if (!(flat instanceof float[] values)) {
          throw new WeightFileException(path + " is not float32");
        }
        long[] shape = java.util.Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
        into.put(name, new WeightTensor(name, shape, values));
      }
    }
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(tensors.keySet());
  }

  @Override
  public WeightTensor get(String name) {
    WeightTensor tensor = tensors.get(name);
    if (tensor == null) throw new WeightFileException(file + " has no weights '" + name + "'");
    return tensor;
  }
}
