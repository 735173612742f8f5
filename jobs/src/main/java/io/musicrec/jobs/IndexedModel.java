package io.musicrec.jobs;

import io.musicrec.config.ConfigException;
import io.musicrec.model.ModelSpec;
import io.musicrec.store.Payloads;
import io.musicrec.store.VectorStore;
import java.util.List;
import java.util.Map;

/**
 * Queries by audio must be embedded by the model that built the index: another model's vectors
 * of the same dimension would return confident nonsense instead of an error. The index job
 * stores the model with every point, so one point tells which model built the collection.
 */
public final class IndexedModel {
  private IndexedModel() {}

  /** Fails with a message naming the fix when {@code spec} is not the model that built {@code collection}. */
  public static void require(VectorStore store, String collection, ModelSpec spec) {
    int dimension = store.dimension(collection).orElse(spec.dimension());
    if (dimension != spec.dimension()) {
      throw mismatch(collection, dimension + "-d vectors", spec.fingerprint() + " makes " + spec.dimension() + "-d ones");
    }
    List<String> fields = List.of(Payloads.MODEL, Payloads.MODEL_VERSION);
    for (Map<String, Object> payload : store.listPayloads(collection, fields, 1).values()) {
      Object name = payload.get(Payloads.MODEL);
      String built = ModelSpec.fingerprint(name, payload.get(Payloads.MODEL_VERSION));
      if (name != null && !built.equals(spec.fingerprint())) {
        throw mismatch(collection, "vectors of model " + built, "the configured model is " + spec.fingerprint());
      }
    }
  }

  private static ConfigException mismatch(String collection, String holds, String configured) {
    return new ConfigException("model: collection '" + collection + "' holds " + holds + " but " + configured
        + "; set 'model' to the model the index was built with (--model builtin:NAME, an installed model such as"
        + " musicnn-msd, or its spec file, e.g. conf/models/panns-cnn14.yaml), or rebuild the index with this model");
  }
}
