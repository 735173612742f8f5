package io.musicrec.config;

import java.io.Serializable;

/**
 * One run's whole configuration, as read from a YAML file, then environment variables, then the
 * command line (later wins). See conf/local.yaml for every key with its default.
 *
 * @param input dataset root holding {@code mp3/<genre>/<id>.mp3}: a path, file:// or s3a:// URI
 * @param labels labels.json location; defaults to {@code <input>/labels.json}
 * @param store {@code embedded:DIR}, {@code qdrant://host:6334} or {@code qdrants://host:6334}
 * @param collection the alias queries use; versions are {@code <collection>_<timestamp>}
 * @param model {@code builtin:NAME} or a model spec YAML file
 * @param mode full, incremental or rebuild
 * @param report folder for report.json, report.md and charts
 * @param keepVersions complete collection versions kept after a rebuild switches the alias, the
 *     live one included (at least 1; default 2: the live version and the one before, for a quick
 *     rollback); versions a failed run left unfinished never count
 * @param layout how new collections are stored and indexed
 */
public record MusicrecConfig(
    String input,
    String labels,
    String store,
    String collection,
    String model,
    IndexMode mode,
    String report,
    int keepVersions,
    Settings.Spark spark,
    Settings.Sample sample,
    Settings.Decode decode,
    Settings.Embed embed,
    Settings.Sink sink,
    Settings.Layout layout,
    Settings.Qdrant qdrant,
    Settings.S3 s3,
    Settings.Faults faults)
    implements Serializable {

  public MusicrecConfig {
    if (input == null || input.isBlank()) input = "data/sample";
    if (labels == null || labels.isBlank()) labels = stripSlash(input) + "/labels.json";
    if (store == null || store.isBlank()) store = "embedded:data/index";
    if (collection == null || collection.isBlank()) collection = "musicrec";
    if (!collection.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("collection must match [A-Za-z0-9_-]+, got '" + collection + "'");
    }
    if (model == null || model.isBlank()) model = "builtin:logmel";
    if (mode == null) mode = IndexMode.FULL;
    if (report == null || report.isBlank()) report = "reports/index";
    Settings.atLeast(keepVersions, 1, "keep_versions");
    // Sections are absent only when a config is built in code; the file's defaults fill them.
    if (spark == null) spark = ConfigLoader.builtinDefaults().spark();
    if (sample == null) sample = ConfigLoader.builtinDefaults().sample();
    if (decode == null) decode = ConfigLoader.builtinDefaults().decode();
    if (embed == null) embed = ConfigLoader.builtinDefaults().embed();
    if (sink == null) sink = ConfigLoader.builtinDefaults().sink();
    if (layout == null) layout = ConfigLoader.builtinDefaults().layout();
    if (qdrant == null) qdrant = new Settings.Qdrant(null);
    if (s3 == null) s3 = new Settings.S3(null, null, null, null, true);
    if (faults == null) faults = Settings.Faults.none();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
