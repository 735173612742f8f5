package io.musicrec.jobs.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model.yaml} every install writes beside its ONNX file, in the keys {@link
 * io.musicrec.model.ModelSpecs} reads back; the source is the file's name, so the folder can move.
 */
final class InstalledSpecFile {
  private static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private InstalledSpecFile() {}

  /** Writes {@code spec} to {@code folder}/model.yaml under a header naming the install; {@code note} adds a line. */
  static void write(Path folder, ModelSpec spec, String note) throws IOException {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("name", spec.name());
    yaml.put("version", spec.version());
    yaml.put("source", Path.of(spec.source()).getFileName().toString());
    yaml.put("input", spec.input());
    yaml.put("output", spec.output());
    yaml.put("sample_rate", spec.sampleRate());
    Map<String, Object> clip = new LinkedHashMap<>(); // Map.of would order the keys differently per JVM
    clip.put("mode", "windows");
    clip.put("seconds", spec.clip().seconds());
    clip.put("windows", spec.clip().windows());
    clip.put("min_seconds", spec.clip().minSeconds());
    yaml.put("clip", clip);
    yaml.put("dimension", spec.dimension());
    yaml.put("distance", spec.distance());
    yaml.put("normalize", spec.normalize());
    if (spec.hasTags()) {
      yaml.put("tags_output", spec.tagsOutput());
      yaml.put("tags", spec.tags());
    }
    String header = "# Written by 'musicrec model install " + spec.name() + "'; see provenance.json.\n"
        + (note.isEmpty() ? "" : "# " + note + "\n");
    Files.writeString(folder.resolve(InstalledModels.SPEC_FILE), header + YAML.writeValueAsString(yaml));
  }
}
